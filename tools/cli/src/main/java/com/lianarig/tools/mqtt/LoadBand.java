package com.lianarig.tools.mqtt;

import java.util.Locale;

/**
 * A rope's load band for the trainer (SPEC section 6): green up to 80 % of its limit, yellow up to
 * 95 %, red above.
 */
public enum LoadBand {
    GREEN, YELLOW, RED, UNKNOWN;

    /** The band of a load at {@code shareOfLimit} (load / limit); UNKNOWN for null. */
    public static LoadBand of(Double shareOfLimit) {
        if (shareOfLimit == null || shareOfLimit.isNaN()) {
            return UNKNOWN;
        }
        if (shareOfLimit <= 0.80) {
            return GREEN;
        }
        return shareOfLimit <= 0.95 ? YELLOW : RED;
    }

    /** {@code text} in the band's colour. */
    public String paint(Ansi ansi, String text) {
        return switch (this) {
            case GREEN -> ansi.green(text);
            case YELLOW -> ansi.yellow(text);
            case RED -> ansi.red(text);
            case UNKNOWN -> ansi.dim(text);
        };
    }

    /**
     * One rope's line: id, load in kg, a bar of {@code widthChars} for 0..100 % of the limit, the
     * share in per cent and the band's name (so it reads without colour too).
     */
    public static String bar(Ansi ansi, String ropeId, Double loadKg, Double limitKg, Double shareOfLimit,
            int widthChars) {
        LoadBand band = of(shareOfLimit);
        String load = loadKg == null ? "     ?  kg" : String.format(Locale.ROOT, "%7.1f kg", loadKg);
        String limit = limitKg == null ? "" : String.format(Locale.ROOT, " of %.0f", limitKg);
        int filled = shareOfLimit == null ? 0 : (int) Math.round(Math.max(0, Math.min(1, shareOfLimit)) * widthChars);
        String bar = "#".repeat(filled) + ".".repeat(widthChars - filled);
        String share = shareOfLimit == null ? "   ?" : String.format(Locale.ROOT, "%3.0f%%", shareOfLimit * 100);
        return String.format(Locale.ROOT, "%-11s %s%s [%s] %s %s", ropeId == null ? "?" : ropeId, load, limit,
                band.paint(ansi, bar), band.paint(ansi, share), band.paint(ansi, band.name().toLowerCase(Locale.ROOT)));
    }
}
