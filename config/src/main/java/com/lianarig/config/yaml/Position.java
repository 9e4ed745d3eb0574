package com.lianarig.config.yaml;

/**
 * Where something sits in a file.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
public record Position(int line, int column) {
    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line " + line + " and column " + column + " must be at least 1");
        }
    }
}
