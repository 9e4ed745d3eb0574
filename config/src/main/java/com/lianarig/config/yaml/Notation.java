package com.lianarig.config.yaml;

import java.util.regex.Pattern;

/**
 * Numbers written in a notation YAML versions read differently. The parser follows YAML 1.1, where
 * {@code 010} is octal 8, {@code 1_0} is 10, {@code 1:30} is 90 (base 60) and {@code 0x10} is 16;
 * YAML 1.2, other tools and people read some of them otherwise ({@code 010} as ten). A technician's
 * node address of {@code 010} must not silently become node 8: in a user's file a number is plain
 * decimal, and anything else is refused with the way to write it.
 */
final class Notation {
    private static final Pattern HEX = Pattern.compile("[-+]?0[xX][0-9a-fA-F_]+");
    private static final Pattern OCTAL = Pattern.compile("[-+]?0o[0-7_]+");
    private static final Pattern BINARY = Pattern.compile("[-+]?0b[01_]+");
    private static final Pattern BASE_60 = Pattern.compile("[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?");
    private static final Pattern LEADING_ZERO = Pattern.compile("[-+]?0[0-9_]+(\\.[0-9_]*)?([eE][-+]?[0-9]+)?");
    private static final Pattern UNDERSCORES = Pattern.compile("[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?");

    private Notation() {
    }

    /**
     * What is wrong with how a plain (unquoted) scalar is written, or null when it is plain decimal or
     * not a number at all.
     */
    static String problem(String plain) {
        if (HEX.matcher(plain).matches()) {
            return "is hexadecimal: write numbers in decimal (quote it if it is text)";
        }
        if (OCTAL.matcher(plain).matches()) {
            return "is octal: write numbers in decimal (quote it if it is text)";
        }
        if (BINARY.matcher(plain).matches()) {
            return "is binary: write numbers in decimal (quote it if it is text)";
        }
        if (BASE_60.matcher(plain).matches()) {
            return "is base 60 to YAML 1.1 (1:30 is 90): write the number in decimal, or quote it if it is text";
        }
        if (LEADING_ZERO.matcher(plain).matches()) {
            return "has a leading 0, which YAML 1.1 reads as octal (010 is 8) and YAML 1.2 as decimal (10):"
                    + " write the number without the leading 0, or quote it if it is text (\"" + plain + "\")";
        }
        if (plain.indexOf('_') >= 0 && UNDERSCORES.matcher(plain).matches()) {
            return "has underscores, which YAML 1.1 drops (1_0 is 10) and YAML 1.2 does not: write the digits"
                    + " alone, or quote it if it is text";
        }
        return null;
    }
}
