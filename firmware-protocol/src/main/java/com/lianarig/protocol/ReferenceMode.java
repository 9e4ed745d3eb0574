package com.lianarig.protocol;

/** How a REFERENCE command establishes the encoder position. */
public enum ReferenceMode implements WireCode {
    SET_POSITION(0, "accept the given position for the current encoder reading"),
    HOME_LOWER_LIMIT(1, "move down at the homing speed to the lower limit switch and take the given position there");

    private static final ReferenceMode[] BY_CODE = new ReferenceMode[256];

    static {
        for (ReferenceMode v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    ReferenceMode(int code, String meaning) {
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
    public static ReferenceMode fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
