package com.lianarig.protocol;

/** Why a node refused a command (the NACK reason byte). */
public enum NackReason implements WireCode {
    MALFORMED(1, "payload length does not match the message layout"),
    OUT_OF_RANGE(2, "a field is outside its range; DETAIL = the field index, from 0"),
    UNKNOWN_MESSAGE(3, "the message id is not in the node's protocol definition"),
    NOT_IDENTIFIED(4, "no IDENTIFY_REQUEST since the node started"),
    NOT_CONFIGURED(5, "CONFIGURE_NODE, or CONFIGURE_WINCH for this winch, not yet received"),
    SHUTDOWN_ACTIVE(6, "sticky shutdown active: only CLEAR_SHUTDOWN, STOP and IDENTIFY_REQUEST are accepted"),
    HEARTBEAT_NOT_ALIVE(7, "CLEAR_SHUTDOWN refused: no heartbeat within the watchdog timeout"),
    NO_SUCH_WINCH(8, "the winch index is not below the node's winch count"),
    WRONG_STATE(9, "the winch is not in a state that allows the command; DETAIL = the WinchState code"),
    FAULT_PRESENT(10, "the cause of a latched fault is still present; DETAIL = the NodeFault code"),
    NOT_SUPPORTED(11, "the node lacks the capability the command needs"),
    BUSY(12, "a brake test or homing is in progress");

    private static final NackReason[] BY_CODE = new NackReason[256];

    static {
        for (NackReason v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    NackReason(int code, String meaning) {
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
    public static NackReason fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
