package com.lianarig.protocol;

/**
 * Little-endian reads and writes of the protocol's field types on a byte array. Every multi-byte
 * field on the wire is little-endian, as the nodes' MCUs store them.
 *
 * <p>Stateless; callers own the arrays and check bounds (the frame decoder has already checked the
 * payload length against the message's layout).
 */
public final class Wire {
    private Wire() {
    }

    public static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int i16(byte[] b, int off) {
        return (short) u16(b, off);
    }

    /** Signed 24-bit two's complement, sign-extended to int. */
    public static int i24(byte[] b, int off) {
        int v = (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16;
        return (v << 8) >> 8;
    }

    public static int i32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    /** Unsigned 32-bit value as a non-negative long. */
    public static long u32(byte[] b, int off) {
        return i32(b, off) & 0xFFFF_FFFFL;
    }

    public static void putU8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    public static void putU16(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
    }

    public static void putI24(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
    }

    public static void putI32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    public static void putU32(byte[] b, int off, long v) {
        putI32(b, off, (int) v);
    }
}
