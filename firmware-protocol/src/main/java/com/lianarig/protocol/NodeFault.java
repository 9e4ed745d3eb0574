package com.lianarig.protocol;

/** Fault codes a node reports in WINCH_STATUS and FAULT_REPORT. */
public enum NodeFault implements WireCode {
    NONE(0, "no fault"),
    OVERSPEED(1, "measured speed above the overspeed trip (cat 0, latched)"),
    FOLLOWING_ERROR(2, "set-point minus encoder beyond the configured maximum (cat 0, latched)"),
    DRIVE_FAULT(3, "the drive reported a fault (cat 0, latched)"),
    LOWER_LIMIT(4, "lower limit switch reached: downward motion refused"),
    UPPER_LIMIT(5, "upper limit switch reached: upward motion refused"),
    SETPOINT_GAP(6, "no set-point within the configured gap: ramped to a stop and braked"),
    HEARTBEAT_TIMEOUT(7, "no heartbeat within the configured timeout: sticky shutdown"),
    ENCODER_FAULT(8, "encoder signal lost or implausible (cat 0, latched)"),
    BRAKE_FAULT(9, "a brake did not reach its commanded state (cat 0, latched)"),
    POWER_REMOVED(10, "drive power removed by the safety chain"),
    SOFT_LIMIT(11, "set-point outside the configured soft limits: clamped");

    private static final NodeFault[] BY_CODE = new NodeFault[256];

    static {
        for (NodeFault v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    NodeFault(int code, String meaning) {
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
    public static NodeFault fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
