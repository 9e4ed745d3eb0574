package com.lianarig.protocol;

/**
 * Host to node, acknowledged: sample and status rates, the set-point gap and the heartbeat watchdog timeout (SR-9),
 * and which load channels to sample.
 *
 * <p>Payload: 10 bytes, u16 sampleRateHz, u16 statusRateHz, u16 setpointGapMs, u16 heartbeatTimeoutMs, u16 channelMask.
 *
 * @param sampleRateHz load-cell sample rate, Hz (80 where a winch depends on the channel, 10 otherwise); at most
 *        the node's maxSampleRateHz
 * @param statusRateHz WINCH_STATUS rate per winch, Hz (at least 50 whatever the sample rate)
 * @param setpointGapMs no SET_POINT for this long: ramp to a stop and brake, ms (SPEC: 50)
 * @param heartbeatTimeoutMs no HEARTBEAT for this long: drop both brakes, sticky shutdown, ms (SPEC: 200)
 * @param channelMask bit i set = sample load channel i
 */
public record ConfigureNode(int sampleRateHz, int statusRateHz, int setpointGapMs, int heartbeatTimeoutMs,
        int channelMask) implements Message {
    static final int PAYLOAD_LENGTH = 10;

    public ConfigureNode {
        Fields.range(0, "sampleRateHz", sampleRateHz, 1, 1000);
        Fields.range(1, "statusRateHz", statusRateHz, 50, 250);
        Fields.range(2, "setpointGapMs", setpointGapMs, 10, 50);
        Fields.range(3, "heartbeatTimeoutMs", heartbeatTimeoutMs, 50, 200);
        Fields.range(4, "channelMask", channelMask, 0, 0xFFFF);
    }

    @Override
    public MessageType type() {
        return MessageType.CONFIGURE_NODE;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU16(dst, off + 0, sampleRateHz);
        Wire.putU16(dst, off + 2, statusRateHz);
        Wire.putU16(dst, off + 4, setpointGapMs);
        Wire.putU16(dst, off + 6, heartbeatTimeoutMs);
        Wire.putU16(dst, off + 8, channelMask);
    }

    static ConfigureNode decode(byte[] b, int off, int len) {
        return new ConfigureNode(
                Wire.u16(b, off + 0),
                Wire.u16(b, off + 2),
                Wire.u16(b, off + 4),
                Wire.u16(b, off + 6),
                Wire.u16(b, off + 8));
    }
}
