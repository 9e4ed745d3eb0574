package com.lianarig.protocol;

/** Why the node last started, reported in IDENTIFY. */
public enum ResetCause implements WireCode {
    POWER_ON(0, "power-on"),
    WATCHDOG(1, "the MCU's own watchdog"),
    BROWN_OUT(2, "supply brown-out"),
    SOFTWARE(3, "software reset"),
    EXTERNAL(4, "reset pin"),
    UNKNOWN(255, "unknown");

    private static final ResetCause[] BY_CODE = new ResetCause[256];

    static {
        for (ResetCause v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    ResetCause(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }


    @Override
    public int code() {
        return code;
    }

    /** What the value means, in the words of PROTOCOL.md. */
    public String meaning() {
        return meaning;
    }

    /** The value for a wire byte, or null when the byte names none. */
    public static ResetCause fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
