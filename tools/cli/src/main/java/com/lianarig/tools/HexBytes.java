package com.lianarig.tools;

import java.io.ByteArrayOutputStream;

/**
 * Parses hex text as people paste it: {@code "A5 5A 04 01 07 15"}, {@code "a55a040107"},
 * {@code "A5:5A:04"}, {@code "0xA5, 0x5A"}, or a fixture file with one field per line and
 * {@code #} comments.
 *
 * <p>Rules: whitespace, {@code :} and {@code ,} separate (and may be left out); a token may start
 * with {@code 0x}; {@code #} starts a comment to the end of the line; the digits of the whole text
 * are read in pairs, so their number must be even.
 */
public final class HexBytes {
    private HexBytes() {
    }

    /**
     * @param text the hex text
     * @param source where the text came from, for error messages ("the HEX argument", a file name)
     * @return the bytes, in order
     * @throws BadInputException naming the first non-hex character (line and column), or an odd
     *         number of digits
     */
    public static byte[] parse(CharSequence text, String source) throws BadInputException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() / 2);
        int digits = 0;
        int high = 0;
        int line = 1;
        int column = 0;
        boolean tokenStart = true;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            column++;
            if (c == '\n') {
                line++;
                column = 0;
                comment = false;
                tokenStart = true;
                continue;
            }
            if (comment) {
                continue;
            }
            if (c == '#') {
                comment = true;
                continue;
            }
            if (Character.isWhitespace(c) || c == ':' || c == ',') {
                tokenStart = true;
                continue;
            }
            if (tokenStart && c == '0' && i + 1 < text.length() && (text.charAt(i + 1) == 'x'
                    || text.charAt(i + 1) == 'X')) {
                i++;
                column++;
                tokenStart = false;
                continue;
            }
            tokenStart = false;
            int value = Character.digit(c, 16);
            if (value < 0 || c > 0x7F) {
                throw new BadInputException("not a hex digit: " + describe(c) + " at line " + line + ", column "
                        + column + " of " + source);
            }
            if (digits % 2 == 0) {
                high = value;
            } else {
                out.write(high << 4 | value);
            }
            digits++;
        }
        if (digits % 2 != 0) {
            throw new BadInputException("odd number of hex digits (" + digits + ") in " + source
                    + ": every byte needs two digits");
        }
        return out.toByteArray();
    }

    private static String describe(char c) {
        if (Character.isISOControl(c) || Character.isWhitespace(c)) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }
}
