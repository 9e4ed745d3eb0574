package com.lianarig.protocol;

/** One of the two spring-applied brakes of a winch. */
public enum BrakeId implements WireCode {
    MOTOR(1, "motor brake"),
    DRUM(2, "drum brake");

    private static final BrakeId[] BY_CODE = new BrakeId[256];

    static {
        for (BrakeId v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    BrakeId(int code, String meaning) {
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
    public static BrakeId fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
