package com.lianarig.tools;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code key=value ...} result line of {@code rig calibrate --batch} back (quotes and escapes included). */
final class Pairs {
    private Pairs() {
    }

    static Map<String, String> of(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = 0;
        while (i < line.length()) {
            int eq = line.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("no key=value at " + i + ": " + line);
            }
            String key = line.substring(i, eq);
            StringBuilder value = new StringBuilder();
            int j = eq + 1;
            if (j < line.length() && line.charAt(j) == '"') {
                j++;
                while (line.charAt(j) != '"') {
                    if (line.charAt(j) == '\\') {
                        j++;
                    }
                    value.append(line.charAt(j++));
                }
                j++;
            } else {
                while (j < line.length() && line.charAt(j) != ' ') {
                    value.append(line.charAt(j++));
                }
            }
            m.put(key, value.toString());
            i = j + 1;
        }
        return m;
    }

    static double number(String line, String key) {
        String v = of(line).get(key);
        if (v == null) {
            throw new AssertionError("no " + key + " in " + line);
        }
        return Double.parseDouble(v);
    }
}
