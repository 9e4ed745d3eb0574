package com.lianarig.protocol;

/** Stop categories as in IEC 60204-1 (SPEC section 4). */
public enum StopCategory implements WireCode {
    CAT_0(0, "remove drive power and drop both brakes at once"),
    CAT_1(1, "controlled deceleration at the configured acceleration limit, then both brakes");

    private static final StopCategory[] BY_CODE = new StopCategory[256];

    static {
        for (StopCategory v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    StopCategory(int code, String meaning) {
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
    public static StopCategory fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
