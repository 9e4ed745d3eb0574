package com.lianarig.protocol;

/** Per-channel status of a load-cell sample. */
public enum ChannelStatus implements WireCode {
    OK(0, "sample valid"),
    SATURATED(1, "ADC at the end of its range"),
    DISCONNECTED(2, "bridge open or ADC not answering"),
    NOT_READY(3, "no conversion completed since start or reconfiguration");

    private static final ChannelStatus[] BY_CODE = new ChannelStatus[256];

    static {
        for (ChannelStatus v : values()) {
            BY_CODE[v.code] = v;
        }
    }

    private final int code;
    private final String meaning;

    ChannelStatus(int code, String meaning) {
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
    public static ChannelStatus fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
