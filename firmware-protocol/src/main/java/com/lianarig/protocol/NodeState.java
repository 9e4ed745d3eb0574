package com.lianarig.protocol;

/** The node as a whole, reported in NODE_STATUS. */
public enum NodeState implements WireCode {
    UNIDENTIFIED(0, "started; answers IDENTIFY_REQUEST only"),
    IDENTIFIED(1, "identified; waiting for CONFIGURE_NODE"),
    RUNNING(2, "configured: streaming, heartbeat watchdog armed"),
    SHUTDOWN(3, "heartbeat watchdog expired: brakes dropped, sticky until CLEAR_SHUTDOWN");

    private static final NodeState[] BY_CODE = new NodeState[256];

    static {
        for (NodeState v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    NodeState(int code, String meaning) {
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
    public static NodeState fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
