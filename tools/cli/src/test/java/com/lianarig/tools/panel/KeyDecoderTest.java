package com.lianarig.tools.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyDecoderTest {
    private final KeyDecoder decoder = new KeyDecoder();

    private List<Key> feed(String bytes, long nowMs) {
        List<Key> keys = new ArrayList<>();
        for (char c : bytes.toCharArray()) {
            keys.addAll(decoder.feed(c, nowMs));
        }
        return keys;
    }

    @Test
    void arrowKeysInBothEncodingsAndPlainCharacters() {
        assertEquals(List.of(Key.of(Key.Kind.UP), Key.of('k'), Key.of(Key.Kind.DOWN), Key.of(' ')),
                feed("\u001b[Ak\u001bOB ", 0));
    }

    @Test
    void aLoneEscapeIsTheEscapeKeyAfterItsWait() {
        assertEquals(List.of(), feed("\u001b", 0));
        assertEquals(List.of(), decoder.flush(KeyDecoder.ESCAPE_WAIT_MS - 1));
        assertEquals(List.of(Key.of(Key.Kind.ESCAPE)), decoder.flush(KeyDecoder.ESCAPE_WAIT_MS));
    }

    @Test
    void escapeFollowedByAnotherKeyGivesBoth() {
        assertEquals(List.of(Key.of(Key.Kind.ESCAPE), Key.of('q')), feed("\u001bq", 0));
    }

    @Test
    void enterBackspaceAndCtrlC() {
        assertEquals(List.of(Key.of(Key.Kind.ENTER), Key.of(Key.Kind.ENTER), Key.of(Key.Kind.BACKSPACE),
                Key.of(Key.Kind.INTERRUPT)), feed("\r\n\u007f\u0003", 0));
    }

    @Test
    void otherControlBytesAndUnknownSequencesAreDropped() {
        assertEquals(List.of(Key.of('x')), feed("\u0001\u001b[Zx", 0));
    }
}
