package com.lianarig.controller.journal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** UTF-8 lengths and strict decoding, for record bodies. Stateless. */
final class Utf8 {
    private Utf8() {
    }

    /**
     * The length of {@code s} in UTF-8, bytes, without encoding it.
     *
     * @return the length, or {@code -(index + 1)} of the first unpaired surrogate
     */
    static int encodedLength(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    n += 4;
                    i++;
                } else {
                    return -(i + 1);
                }
            } else if (Character.isLowSurrogate(c)) {
                return -(i + 1);
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** A strict UTF-8 decoder (malformed input reported, not replaced); one per owner thread. */
    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Decodes strict UTF-8 (no malformed or overlong sequences, no encoded surrogates).
     *
     * @param decoder from {@link #strictDecoder}
     * @return the text, or null when the bytes are not valid UTF-8
     */
    static String decodeOrNull(CharsetDecoder decoder, ByteBuffer bytes) {
        try {
            return decoder.reset().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
