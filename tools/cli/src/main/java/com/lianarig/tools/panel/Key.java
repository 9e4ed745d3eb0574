package com.lianarig.tools.panel;

/**
 * One key press as the terminal sends it.
 *
 * @param ch the character for {@link Kind#CHAR}, 0 otherwise
 */
public record Key(Kind kind, char ch) {
    /** What kind of key. */
    public enum Kind { CHAR, UP, DOWN, LEFT, RIGHT, ENTER, BACKSPACE, ESCAPE, INTERRUPT }

    public static Key of(char ch) {
        return new Key(Kind.CHAR, ch);
    }

    public static Key of(Kind kind) {
        return new Key(kind, '\0');
    }

    public boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }
}
