package com.lianarig.protocol;

/** The verdict of a brake test. */
public enum BrakeTestOutcome implements WireCode {
    HELD(0, "movement stayed within tolerance"),
    SLIPPED(1, "movement beyond tolerance: the brake does not hold"),
    ABORTED(2, "test interrupted: stop, fault or drive power removed");

    private static final BrakeTestOutcome[] BY_CODE = new BrakeTestOutcome[256];

    static {
        for (BrakeTestOutcome v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    BrakeTestOutcome(int code, String meaning) {
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
    public static BrakeTestOutcome fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
