package com.lianarig.protocol;

/** What a winch is doing, as the node reports it. */
public enum WinchState implements WireCode {
    BRAKED(0, "both brakes applied; set-points ignored"),
    FOLLOWING(1, "brakes released, following the streamed set-points"),
    STOPPING(2, "category 1 stop: decelerating, brakes applied at standstill"),
    HOMING(3, "moving to the lower limit switch to reference"),
    BRAKE_TESTING(4, "driving torque against one brake"),
    TRIPPED(5, "category 0 after a node-side fault; latched until CLEAR_SHUTDOWN"),
    SHUTDOWN(6, "category 0 after the heartbeat watchdog; sticky until CLEAR_SHUTDOWN");

    private static final WinchState[] BY_CODE = new WinchState[256];

    static {
        for (WinchState v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    WinchState(int code, String meaning) {
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
    public static WinchState fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
