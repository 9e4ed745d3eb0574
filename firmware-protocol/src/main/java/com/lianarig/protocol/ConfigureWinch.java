package com.lianarig.protocol;

/**
 * Host to node, acknowledged: the limits the node enforces on one winch by itself, whatever the set-points say
 * (SPEC section 3).
 *
 * <p>Payload: 31 bytes, u8 winch, u32 maxAscentCountsPerS, u32 maxDescentCountsPerS, u32 maxAccelCountsPerS2, u16
 * overspeedPercent, u32 maxFollowingErrorCounts, i32 softLimitLowCounts, i32 softLimitHighCounts, u32
 * unreferencedMaxCountsPerS.
 *
 * @param winch winch index on this node
 * @param maxAscentCountsPerS upward speed limit, encoder counts/s (SR-4)
 * @param maxDescentCountsPerS downward speed limit, encoder counts/s (SR-3)
 * @param maxAccelCountsPerS2 acceleration and deceleration limit, counts/s^2 (SR-4); cat 1 stops decelerate at this
 *        rate
 * @param overspeedPercent measured speed above this percentage of the direction's limit on 2 consecutive status
 *        periods trips cat 0 (SR-3: 120)
 * @param maxFollowingErrorCounts set-point minus encoder position beyond this trips cat 0, counts (SR-13)
 * @param softLimitLowCounts lowest position a set-point may ask for, counts; lower set-points are clamped (SR-12)
 * @param softLimitHighCounts highest position a set-point may ask for, counts; must be above softLimitLowCounts
 * @param unreferencedMaxCountsPerS speed limit while the position is not referenced, counts/s (SR-19: 10 mm/s)
 */
public record ConfigureWinch(int winch, int maxAscentCountsPerS, int maxDescentCountsPerS,
        int maxAccelCountsPerS2, int overspeedPercent, int maxFollowingErrorCounts, int softLimitLowCounts,
        int softLimitHighCounts, int unreferencedMaxCountsPerS) implements Message {
    static final int PAYLOAD_LENGTH = 31;

    public ConfigureWinch {
        Fields.range(0, "winch", winch, 0, 7);
        Fields.range(1, "maxAscentCountsPerS", maxAscentCountsPerS, 1, Integer.MAX_VALUE);
        Fields.range(2, "maxDescentCountsPerS", maxDescentCountsPerS, 1, Integer.MAX_VALUE);
        Fields.range(3, "maxAccelCountsPerS2", maxAccelCountsPerS2, 1, Integer.MAX_VALUE);
        Fields.range(4, "overspeedPercent", overspeedPercent, 101, 200);
        Fields.range(5, "maxFollowingErrorCounts", maxFollowingErrorCounts, 1, Integer.MAX_VALUE);
        Fields.range(8, "unreferencedMaxCountsPerS", unreferencedMaxCountsPerS, 1, Integer.MAX_VALUE);
        if (softLimitLowCounts >= softLimitHighCounts) {
            throw new FieldRangeException(6, "softLimitLowCounts = " + softLimitLowCounts
                    + " is not below softLimitHighCounts = " + softLimitHighCounts);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.CONFIGURE_WINCH;
    }

    @Override
    public int payloadLength() {
        return PAYLOAD_LENGTH;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        Wire.putU8(dst, off + 0, winch);
        Wire.putU32(dst, off + 1, maxAscentCountsPerS);
        Wire.putU32(dst, off + 5, maxDescentCountsPerS);
        Wire.putU32(dst, off + 9, maxAccelCountsPerS2);
        Wire.putU16(dst, off + 13, overspeedPercent);
        Wire.putU32(dst, off + 15, maxFollowingErrorCounts);
        Wire.putI32(dst, off + 19, softLimitLowCounts);
        Wire.putI32(dst, off + 23, softLimitHighCounts);
        Wire.putU32(dst, off + 27, unreferencedMaxCountsPerS);
    }

    static ConfigureWinch decode(byte[] b, int off, int len) {
        return new ConfigureWinch(
                Wire.u8(b, off + 0),
                Wire.i32(b, off + 1),
                Wire.i32(b, off + 5),
                Wire.i32(b, off + 9),
                Wire.u16(b, off + 13),
                Wire.i32(b, off + 15),
                Wire.i32(b, off + 19),
                Wire.i32(b, off + 23),
                Wire.i32(b, off + 27));
    }
}
