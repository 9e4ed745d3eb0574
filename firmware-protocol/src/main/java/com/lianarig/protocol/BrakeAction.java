package com.lianarig.protocol;

/** What a BRAKE command asks of a winch. */
public enum BrakeAction implements WireCode {
    APPLY(0, "apply both brakes, then remove drive torque"),
    RELEASE(1, "energise the drive holding the current position, release both brakes, follow set-points");

    private static final BrakeAction[] BY_CODE = new BrakeAction[256];

    static {
        for (BrakeAction v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    BrakeAction(int code, String meaning) {
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
    public static BrakeAction fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
