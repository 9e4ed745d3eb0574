package com.lianarig.config.yaml;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for a misspelt key or choice. */
final class Suggest {
    private Suggest() {
    }

    /** The known word closest to {@code typed} (case aside, or within 2 edits), or null. */
    static String closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String k : known) {
            int d = k.toLowerCase(Locale.ROOT).equals(lower) ? 0 : distance(lower, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        int allowed = Math.min(2, Math.max(1, typed.length() / 3));
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance; inputs are short keys, so the quadratic table is fine. */
    static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
