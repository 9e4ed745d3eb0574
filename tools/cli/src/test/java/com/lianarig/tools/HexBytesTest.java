package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HexBytesTest {
    private static final byte[] A55A01 = {(byte) 0xA5, 0x5A, 0x01};

    @Test
    void acceptsTheUsualSpellings() throws BadInputException {
        assertArrayEquals(A55A01, HexBytes.parse("A5 5A 01", "t"));
        assertArrayEquals(A55A01, HexBytes.parse("a55a01", "t"));
        assertArrayEquals(A55A01, HexBytes.parse("A5:5A:01", "t"));
        assertArrayEquals(A55A01, HexBytes.parse("0xA5, 0x5A, 0X01", "t"));
        assertArrayEquals(A55A01, HexBytes.parse("  A5\t5A\r\n01\n", "t"));
    }

    @Test
    void skipsCommentsToTheEndOfTheLine() throws BadInputException {
        String fixture = """
                # heartbeat fixture
                A5 5A   # sync
                01      # LEN (not a real frame)
                """;

        assertArrayEquals(A55A01, HexBytes.parse(fixture, "t"));
    }

    @Test
    void emptyTextIsNoBytes() throws BadInputException {
        assertEquals(0, HexBytes.parse(" # nothing\n", "t").length);
    }

    @Test
    void rejectsAnOddNumberOfDigits() {
        BadInputException e = assertThrows(BadInputException.class, () -> HexBytes.parse("A5 5A 0", "the HEX arguments"));

        assertEquals("odd number of hex digits (5) in the HEX arguments: every byte needs two digits", e.getMessage());
    }

    @Test
    void rejectsANonHexCharacterNamingItsLineAndColumn() {
        BadInputException e = assertThrows(BadInputException.class, () -> HexBytes.parse("A5 5A\n01 G2", "f.hex"));

        assertEquals("not a hex digit: 'G' at line 2, column 4 of f.hex", e.getMessage());
    }

    @Test
    void rejectsNonAsciiDigits() {
        // FULLWIDTH DIGIT ONE: Character.digit accepts it, a wire capture never contains it
        BadInputException e = assertThrows(BadInputException.class, () -> HexBytes.parse("A\uFF11", "t"));

        assertEquals("not a hex digit: '\uFF11' at line 1, column 2 of t", e.getMessage());
    }
}
