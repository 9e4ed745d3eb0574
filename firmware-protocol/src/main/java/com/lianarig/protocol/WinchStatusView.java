package com.lianarig.protocol;

/**
 * Allocation-free reader of a WINCH_STATUS frame (layout and meanings in {@link WinchStatus}):
 * {@link #wrap} validates exactly as the record's decoder does, then the accessors read the view's
 * frame in place. Valid until the frame view is decoded into again.
 *
 * <p>Owned by the thread that decodes the frames.
 */
public final class WinchStatusView {
    private static final int P = FrameFormat.OFFSET_PAYLOAD;

    private byte[] frame;
    private ProtocolError error;
    private int errorField;

    /**
     * Binds to {@code view}'s frame.
     *
     * @return true when the frame is a valid WINCH_STATUS; otherwise {@link #error()} says why
     */
    public boolean wrap(FrameView view) {
        frame = null;
        if (view.type() != MessageType.WINCH_STATUS) {
            return fail(ProtocolError.UNKNOWN_MESSAGE, 0);
        }
        byte[] b = view.bytes();
        if (Wire.u8(b, P + 4) > 7) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 1);
        }
        if (WinchState.fromCode(Wire.u8(b, P + 5)) == null) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 2);
        }
        if (Wire.u16(b, P + 22) > 0x3F) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 7);
        }
        if (NodeFault.fromCode(Wire.u8(b, P + 24)) == null) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 8);
        }
        int torque = Wire.i16(b, P + 25);
        if (torque < -1000 || torque > 1000) {
            return fail(ProtocolError.FIELD_OUT_OF_RANGE, 9);
        }
        frame = b;
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

    /** Node clock when the encoder was read, microseconds, wrapping at 2^32. */
    public long nodeTimeUs() {
        return Wire.u32(frame, P);
    }

    public int winch() {
        return Wire.u8(frame, P + 4);
    }

    public WinchState state() {
        return WinchState.fromCode(Wire.u8(frame, P + 5));
    }

    public int positionCounts() {
        return Wire.i32(frame, P + 6);
    }

    public int velocityCountsPerS() {
        return Wire.i32(frame, P + 10);
    }

    public int setpointPositionCounts() {
        return Wire.i32(frame, P + 14);
    }

    public int setpointVelocityCountsPerS() {
        return Wire.i32(frame, P + 18);
    }

    /** {@code WinchStatus.FLAG_*} bits. */
    public int flags() {
        return Wire.u16(frame, P + 22);
    }

    public boolean hasFlag(int flag) {
        return (flags() & flag) == flag;
    }

    public NodeFault fault() {
        return NodeFault.fromCode(Wire.u8(frame, P + 24));
    }

    /** Drive torque, per mille of rated (positive = lifting). */
    public int driveTorquePermille() {
        return Wire.i16(frame, P + 25);
    }
}
