package com.lianarig.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds random valid messages of every {@link MessageType}, for the codec's property and stream
 * tests. Every field is drawn from its documented range; about one field in four takes an edge value
 * instead (the range's ends and their neighbours, and 0, -1, 1, {@link Integer#MIN_VALUE} and
 * {@link Integer#MAX_VALUE} where the range holds them), and sample lists and serials are often at
 * their shortest (1: an empty list or serial is invalid) or longest (16 samples, 32 characters).
 *
 * <p>Deterministic: the same {@link SplittableRandom} seed gives the same messages, so a failing case
 * is reproduced from the seed printed in its assertion message.
 */
final class RandomMessages {
    private RandomMessages() {
    }

    /** One in EDGE_ONE_IN draws takes an edge value. */
    private static final int EDGE_ONE_IN = 4;

    /** A random valid message of a random type. */
    static Message any(SplittableRandom r) {
        MessageType[] types = MessageType.values();
        return of(types[r.nextInt(types.length)], r);
    }

    /** A random valid message of {@code type}. */
    static Message of(MessageType type, SplittableRandom r) {
        switch (type) {
            case IDENTIFY_REQUEST:
                return new IdentifyRequest(intIn(r, 1, 255), u32(r));
            case CONFIGURE_NODE:
                return new ConfigureNode(intIn(r, 1, 1000), intIn(r, 50, 250), intIn(r, 10, 50), intIn(r, 50, 200),
                        intIn(r, 0, 0xFFFF));
            case CONFIGURE_WINCH: {
                int low = intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE - 1);
                int high = intIn(r, low + 1, Integer.MAX_VALUE);
                return new ConfigureWinch(winch(r), positive(r), positive(r), positive(r), intIn(r, 101, 200),
                        positive(r), low, high, positive(r));
            }
            case SET_POINT:
                return new SetPoint(winch(r), anyInt(r), anyInt(r));
            case STOP:
                return new Stop(intIn(r, 1, 255), pick(r, StopCategory.values()));
            case BRAKE:
                return new Brake(winch(r), pick(r, BrakeAction.values()));
            case BRAKE_TEST:
                return new BrakeTest(winch(r), pick(r, BrakeId.values()), intIn(r, 1, 1000), intIn(r, 100, 5000),
                        intIn(r, 1, 0xFFFF));
            case REFERENCE:
                return new Reference(winch(r), pick(r, ReferenceMode.values()), anyInt(r), r.nextInt(8) == 0 ? 0 : positive(r));
            case HEARTBEAT:
                return new Heartbeat(u32(r));
            case CLEAR_SHUTDOWN:
                return new ClearShutdown();
            case IDENTIFY:
                return new Identify(intIn(r, 1, 255), u32(r), u32(r), intIn(r, 0, 255), intIn(r, 0, 255),
                        intIn(r, 0, 0xFFFF), intIn(r, 0, 0x1F), intIn(r, 0, LoadSamples.MAX_CHANNELS), intIn(r, 0, 8),
                        intIn(r, 1, 1000), pick(r, ResetCause.values()), serial(r));
            case ACK:
                return new Ack(intIn(r, 0, 255), intIn(r, 0, 255));
            case NACK:
                return new Nack(intIn(r, 0, 255), intIn(r, 0, 255), pick(r, NackReason.values()), intIn(r, 0, 255));
            case LOAD_SAMPLES: {
                switch (r.nextInt(8)) {
                    case 0: // full: every channel
                        return loadSamples(r, 0, LoadSamples.MAX_CHANNELS);
                    case 1: // shortest: one channel (an empty list is not a valid LOAD_SAMPLES)
                        return loadSamples(r, intIn(r, 0, LoadSamples.MAX_CHANNELS - 1), 1);
                    default:
                        int first = intIn(r, 0, LoadSamples.MAX_CHANNELS - 1);
                        return loadSamples(r, first, intIn(r, 1, LoadSamples.MAX_CHANNELS - first));
                }
            }
            case WINCH_STATUS:
                return winchStatus(r);
            case FAULT_REPORT:
                return new FaultReport(u32(r), r.nextInt(9) == 8 ? FaultReport.NODE_WIDE : winch(r), pick(r, NodeFault.values()),
                        anyInt(r), anyInt(r));
            case BRAKE_TEST_RESULT:
                return new BrakeTestResult(u32(r), winch(r), pick(r, BrakeId.values()),
                        pick(r, BrakeTestOutcome.values()), anyInt(r), intIn(r, 0, 1000));
            case NODE_STATUS:
                return new NodeStatus(u32(r), pick(r, NodeState.values()), pick(r, NodeFault.values()),
                        intIn(r, 0, 0xFFFF), intIn(r, 0, 0xFFFF));
            default:
                throw new AssertionError("no generator for " + type);
        }
    }

    /** LOAD_SAMPLES of {@code count} consecutive channels from {@code firstChannel}, random counts and statuses. */
    static LoadSamples loadSamples(SplittableRandom r, int firstChannel, int count) {
        List<LoadSamples.Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(new LoadSamples.Sample(intIn(r, -(1 << 23), (1 << 23) - 1), pick(r, ChannelStatus.values())));
        }
        return new LoadSamples(u32(r), firstChannel, samples);
    }

    static WinchStatus winchStatus(SplittableRandom r) {
        return new WinchStatus(u32(r), winch(r), pick(r, WinchState.values()), anyInt(r), anyInt(r), anyInt(r),
                anyInt(r), intIn(r, 0, 0x3F), pick(r, NodeFault.values()), intIn(r, -1000, 1000));
    }

    /** A node address, 1..127, often 1 or 127. */
    static int nodeAddress(SplittableRandom r) {
        return intIn(r, FrameFormat.MIN_NODE_ADDRESS, FrameFormat.MAX_NODE_ADDRESS);
    }

    /** A SEQ byte, 0..255, often 0 or 255. */
    static int seq(SplittableRandom r) {
        return intIn(r, 0, 255);
    }

    /**
     * A value in {@code min..max} (inclusive); one draw in {@value #EDGE_ONE_IN} is an edge: min, max,
     * their inner neighbours, or 0, -1, 1 when the range holds them.
     */
    static int intIn(SplittableRandom r, int min, int max) {
        if (r.nextInt(EDGE_ONE_IN) == 0) {
            long[] edges = {min, max, (long) min + 1, (long) max - 1, 0, -1, 1};
            long e = edges[r.nextInt(edges.length)];
            if (e >= min && e <= max) {
                return (int) e;
            }
        }
        return (int) r.nextLong(min, (long) max + 1);
    }

    /** Any int; edges include {@link Integer#MIN_VALUE}, {@link Integer#MAX_VALUE}, 0 and -1. */
    static int anyInt(SplittableRandom r) {
        return intIn(r, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** 1..{@link Integer#MAX_VALUE}: the range of the u32 fields the records keep in an int. */
    static int positive(SplittableRandom r) {
        return intIn(r, 1, Integer.MAX_VALUE);
    }

    /** A u32 as a long, 0..2^32-1, often 0, 1, 2^32-2 or 2^32-1. */
    static long u32(SplittableRandom r) {
        if (r.nextInt(EDGE_ONE_IN) == 0) {
            long[] edges = {0, 1, Fields.U32_MAX - 1, Fields.U32_MAX, Integer.MAX_VALUE, 1L << 31};
            return edges[r.nextInt(edges.length)];
        }
        return r.nextLong(Fields.U32_MAX + 1);
    }

    static int winch(SplittableRandom r) {
        return intIn(r, 0, 7);
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** 1..32 printable ASCII characters (0x21..0x7E); a third of them of length 1 or 32. */
    static String serial(SplittableRandom r) {
        int length;
        switch (r.nextInt(6)) {
            case 0:
                length = 1;
                break;
            case 1:
                length = Identify.MAX_SERIAL_LENGTH;
                break;
            default:
                length = r.nextInt(1, Identify.MAX_SERIAL_LENGTH + 1);
        }
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) intIn(r, 0x21, 0x7E);
        }
        return new String(c);
    }

    /** The direction {@code message} travels in. */
    static Direction directionOf(Message message) {
        return message.type().direction();
    }
}
