package com.lianarig.protocol;

/**
 * Allocation-free reader of a LOAD_SAMPLES frame (layout in {@link LoadSamples}): {@link #wrap}
 * validates the payload exactly as the record's decoder does, then the accessors read the view's
 * frame in place. Valid until the frame view is decoded into again.
 *
 * <p>Owned by the thread that decodes the frames.
 */
public final class LoadSamplesView {
    private byte[] frame;
    private int count;
    private ProtocolError error;
    private int errorField;

    /**
     * Binds to {@code view}'s frame.
     *
     * @return true when the frame is a valid LOAD_SAMPLES; otherwise {@link #error()} says why
     */
    public boolean wrap(FrameView view) {
        frame = null;
        if (view.type() != MessageType.LOAD_SAMPLES) {
            return fail(ProtocolError.UNKNOWN_MESSAGE, 0);
        }
        byte[] b = view.bytes();
        int p = view.payloadOffset();
        int n = Wire.u8(b, p + 5);
        if (view.payloadLength() != LoadSamples.HEADER_LENGTH + LoadSamples.SAMPLE_LENGTH * n) {
            return fail(ProtocolError.PAYLOAD_LENGTH, 0);
        }
        int first = Wire.u8(b, p + 4);
        if (first >= LoadSamples.MAX_CHANNELS) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 1);
        }
        if (n < 1 || first + n > LoadSamples.MAX_CHANNELS) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 2);
        }
        for (int i = 0; i < n; i++) {
            if (ChannelStatus.fromCode(Wire.u8(b, p + LoadSamples.HEADER_LENGTH + LoadSamples.SAMPLE_LENGTH * i + 3))
                    == null) {
                return fail(ProtocolError.FIELD_OUT_OF_RANGE, 4);
            }
        }
        frame = b;
        count = n;
        error = null;
        return true;
    }

    private boolean fail(ProtocolError e, int field) {
        error = e;
        errorField = field;
        return false;
    }

    /** Why the last {@link #wrap} failed, or null after a success. */
    public ProtocolError error() {
        return error;
    }

    /** The layout index of the offending field after a FIELD_OUT_OF_RANGE. */
    public int errorField() {
        return errorField;
    }

    /** Node clock when the conversions completed, microseconds, wrapping at 2^32. */
    public long nodeTimeUs() {
        return Wire.u32(frame, FrameFormat.OFFSET_PAYLOAD);
    }

    public int firstChannel() {
        return Wire.u8(frame, FrameFormat.OFFSET_PAYLOAD + 4);
    }

    public int count() {
        return count;
    }

    /** Raw ADC counts of the i-th sample (channel {@code firstChannel() + i}). */
    public int rawCounts(int i) {
        return Wire.i24(frame, sampleOffset(i));
    }

    public ChannelStatus status(int i) {
        return ChannelStatus.fromCode(Wire.u8(frame, sampleOffset(i) + 3));
    }

    private int sampleOffset(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("sample " + i + " of " + count);
        }
        return FrameFormat.OFFSET_PAYLOAD + LoadSamples.HEADER_LENGTH + LoadSamples.SAMPLE_LENGTH * i;
    }
}
