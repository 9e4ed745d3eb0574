package com.lianarig.protocol;

import java.util.List;

/**
 * Node to host, streamed at the sample rate: one conversion of consecutive load-cell channels, timed
 * on the node clock. The allocation-free path is {@link LoadSamplesView}; this record is for tools
 * and tests.
 *
 * <p>Payload: 6 + 4 x count bytes, u32 nodeTimeUs, u8 firstChannel, u8 count,
 * count x {i24 rawCounts, u8 status}.
 *
 * @param nodeTimeUs node clock when the conversions completed, microseconds, wrapping
 * @param firstChannel the channel of the first sample, 0..15
 * @param samples 1..16 samples of channels firstChannel, firstChannel + 1, ...; at most channel 15
 */
public record LoadSamples(long nodeTimeUs, int firstChannel, List<Sample> samples) implements Message {
    /** Load-cell channels a node can have. */
    public static final int MAX_CHANNELS = 16;
    static final int HEADER_LENGTH = 6;
    static final int SAMPLE_LENGTH = 4;

    /**
     * One channel's conversion.
     *
     * @param rawCounts signed 24-bit ADC counts, -8388608..8388607 (calibration turns them into newtons)
     * @param status OK, or why the counts are not to be trusted
     */
    public record Sample(int rawCounts, ChannelStatus status) {
        public Sample {
            Fields.range(3, "rawCounts", rawCounts, -(1 << 23), (1 << 23) - 1);
            Fields.notNull(4, "status", status);
        }
    }

    public LoadSamples {
        Fields.range(0, "nodeTimeUs", nodeTimeUs, 0L, Fields.U32_MAX);
        Fields.range(1, "firstChannel", firstChannel, 0, MAX_CHANNELS - 1);
        samples = List.copyOf(Fields.notNull(2, "samples", samples));
        Fields.range(2, "count", samples.size(), 1, MAX_CHANNELS - firstChannel);
    }

    @Override
    public MessageType type() {
        return MessageType.LOAD_SAMPLES;
    }

    @Override
    public int payloadLength() {
        return HEADER_LENGTH + SAMPLE_LENGTH * samples.size();
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU32(dst, off, nodeTimeUs);
        Wire.putU8(dst, off + 4, firstChannel);
        Wire.putU8(dst, off + 5, samples.size());
        int p = off + HEADER_LENGTH;
        for (Sample s : samples) {
            Wire.putI24(dst, p, s.rawCounts());
            Wire.putU8(dst, p + 3, s.status().code());
            p += SAMPLE_LENGTH;
        }
    }

    static LoadSamples decode(byte[] b, int off, int len) throws ProtocolException {
        int count = Wire.u8(b, off + 5);
        if (len != HEADER_LENGTH + SAMPLE_LENGTH * count) {
            throw MessageType.lengthMismatch(MessageType.LOAD_SAMPLES, len, HEADER_LENGTH + SAMPLE_LENGTH * count);
        }
        // layout order: firstChannel (1) and count (2) are judged before any sample's status (4)
        int first = Fields.range(1, "firstChannel", Wire.u8(b, off + 4), 0, MAX_CHANNELS - 1);
        Fields.range(2, "count", count, 1, MAX_CHANNELS - first);
        Sample[] samples = new Sample[count];
        for (int i = 0; i < count; i++) {
            int p = off + HEADER_LENGTH + SAMPLE_LENGTH * i;
            samples[i] = Fields.decoded(() -> new Sample(Wire.i24(b, p), ChannelStatus.fromCode(Wire.u8(b, p + 3))),
                    b, p, 4, 3);
        }
        return new LoadSamples(Wire.u32(b, off), Wire.u8(b, off + 4), List.of(samples));
    }
}
