package com.lianarig.controller.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad kinds and bodies are refused with a message naming what is wrong and where. */
class JournalRecordTest {
    @TempDir
    Path dir;

    private static String reason(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                   | journal kind must be 1..32 characters, was 0",
        "abcdefghijabcdefghijabcdefghijabc    | journal kind must be 1..32 characters, was 33",
        "Trip                                 | journal kind \"Trip\" has 'T' at index 0; allowed: a-z 0-9 . -",
        "sr 1                                 | journal kind \"sr 1\" has ' ' at index 2; allowed: a-z 0-9 . -",
        "trip_1                               | journal kind \"trip_1\" has '_' at index 4; allowed: a-z 0-9 . -",
        "tr\u00e9s                            | journal kind \"tr\\u00e9s\" has U+00E9 at index 2; allowed: a-z 0-9 . -",
    })
    void aBadKindIsRefusedNamingTheProblem(String kind, String message) {
        assertEquals(message, reason(() -> JournalRecord.checkKind(kind)));
        assertEquals(message, reason(() -> new JournalRecord(1, 0, 0, 1, kind, "")));
    }

    @Test
    void aBodyOverTheLimitInUtf8IsRefused() {
        String euros = "\u20ac".repeat(1366); // 1366 chars, 4098 bytes
        assertEquals("journal body is 4098 bytes in UTF-8, more than 4096", reason(() -> JournalRecord.checkBody(euros)));
        assertEquals(4096, JournalRecord.checkBody("x".repeat(4096)));
    }

    @Test
    void aBodyThatIsNotTextIsRefused() {
        assertEquals("journal body has an unpaired surrogate at index 3: not text",
                reason(() -> JournalRecord.checkBody("{\"a\uD83D\"}")));
        assertEquals("journal body has an unpaired surrogate at index 0: not text",
                reason(() -> JournalRecord.checkBody("\uDE00")));
        assertEquals(4, JournalRecord.checkBody("\uD83D\uDE00"));
    }

    @Test
    void seqAndSessionStartAtOne() {
        assertEquals("journal seq must be at least 1, was 0", reason(() -> new JournalRecord(0, 0, 0, 1, "a", "")));
        assertEquals("journal session must be at least 1, was 0", reason(() -> new JournalRecord(1, 0, 0, 0, "a", "")));
    }

    @Test
    void appendRefusesBadInputAndTheJournalsOwnKinds() throws Exception {
        try (Journal j = JournalTestSupport.open(dir, new JournalTestSupport.Clocks())) {
            assertEquals("journal kind \"Fault\" has 'F' at index 0; allowed: a-z 0-9 . -",
                    reason(() -> j.append("Fault", "{}")));
            assertEquals("journal body is 5000 bytes in UTF-8, more than 4096",
                    reason(() -> j.append("fault", "x".repeat(5000))));
            assertEquals("journal kind \"journal.overflow\" is reserved: kinds starting with journal. are the "
                    + "journal's own", reason(() -> j.append(Journal.OVERFLOW_KIND, "{}")));
            assertThrows(NullPointerException.class, () -> j.append(null, "{}"));
            assertThrows(NullPointerException.class, () -> j.append("trip", null));
            assertEquals(2, j.append("fault", "{}"), "nothing refused took a seq");
        }
    }
}
