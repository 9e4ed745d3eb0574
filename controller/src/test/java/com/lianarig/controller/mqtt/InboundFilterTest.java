package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inbound filter byte by byte (issue 18): PUBLISHes Paho would die on or that are too big are
 * taken out, everything else reaches Paho unchanged and whole, however the bytes are split, and a
 * read that throws (a socket timeout) loses nothing.
 */
class InboundFilterTest {
    private static final int MAX = 8 * 1024;

    private final List<String> drops = new ArrayList<>();

    private InboundFilter filter(InputStream in) {
        return new InboundFilter(in, MAX, (d, topic, n) -> drops.add(d + " " + topic + " " + n));
    }

    /** A PUBLISH at QoS 0: 30 LEN, topic length, topic, payload. */
    static byte[] publish(byte[] topic, byte[] payload) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x30);
        writeLength(b, 2 + topic.length + payload.length);
        b.write(topic.length >> 8);
        b.write(topic.length & 0xFF);
        b.writeBytes(topic);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    static byte[] publish(String topic, String payload) {
        return publish(topic.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeLength(ByteArrayOutputStream b, int length) {
        int n = length;
        do {
            int digit = n % 128;
            n /= 128;
            b.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        for (int n; (n = in.read(buf, 0, chunk)) >= 0;) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static final byte[] CONNACK = {0x20, 0x02, 0x00, 0x00};
    private static final byte[] PINGRESP = {(byte) 0xD0, 0x00};
    private static final byte[] SUBACK = {(byte) 0x90, 0x03, 0x00, 0x01, 0x00};

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 8192})
    void goodPacketsPassUnchangedWhateverTheReadSize(int chunk) throws IOException {
        byte[] stream = concat(CONNACK, SUBACK, publish("liana/v1/s/r/cmd/trainer-tablet", "{\"command\":\"stop\"}"),
                PINGRESP, publish("liana/v1/s/r/cmd/caf\u00e9", "{}"), publish("a/\u4e2d", "x"));
        assertArrayEquals(stream, readAll(filter(new ByteArrayInputStream(stream)), chunk));
        assertEquals(List.of(), drops);
    }

    @Test
    void topicsPahoWouldDieOnAreDroppedAndTheRestPasses() throws IOException {
        byte[] good = publish("r/cmd/a", "{\"command\":\"stop\"}");
        byte[] stream = concat(good,
                publish(new byte[] {'r', '/', (byte) 0xFF}, "x".getBytes(StandardCharsets.UTF_8)), // not UTF-8
                publish("r/\uFFFD", "x"), // valid UTF-8; Paho refuses it
                publish("r/\u0001", "x"), // a control character
                publish(new byte[] {'r', '/', (byte) 0xEF, (byte) 0xBF, (byte) 0xBF}, new byte[0]), // U+FFFF
                publish(new byte[] {'r', '/', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[0]), // a lone surrogate
                // valid, but Paho 1.2.5 refuses every surrogate pair (paho.mqtt.java#818): it would die too
                publish("r/\ud83d\ude00", "x"),
                good);
        assertArrayEquals(concat(good, good), readAll(filter(new ByteArrayInputStream(stream)), 100));
        assertEquals(6, drops.size(), drops.toString());
        assertTrue(drops.get(0).startsWith("BAD_TOPIC r/\\xFF (not UTF-8)"), drops.get(0));
        assertTrue(drops.get(1).contains("Paho refuses it"), drops.get(1));
    }

    @Test
    void anOversizedPublishIsSkippedUnreadAndNamed() throws IOException {
        long size = 64L << 20;
        // remaining length: topic length (2) + topic "x" (1) + 64 MiB of payload
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0x30);
        writeLength(h, (int) (3 + size));
        h.writeBytes(new byte[] {0, 1, 'x'});
        InputStream huge = new InputStream() {
            long left = size;

            @Override
            public int read() {
                return left-- > 0 ? ' ' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
            }
        };
        byte[] after = publish("r/cmd/a", "{}");
        InputStream in = new SequenceInputStream(java.util.Collections.enumeration(List.of(
                new ByteArrayInputStream(h.toByteArray()), huge, new ByteArrayInputStream(after))));
        var mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        byte[] got = readAll(filter(in), 8192);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertArrayEquals(after, got);
        assertEquals(List.of("OVERSIZED x " + (3 + size)), drops);
        assertTrue(allocated < 1 << 20, "skipped without buffering: " + allocated + " bytes allocated");
    }

    @Test
    void aBrokerPacketOverTheBoundIsABrokenConnection() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x90); // SUBACK
        writeLength(b, MAX + 1);
        IOException e = assertThrows(IOException.class,
                () -> readAll(filter(new ByteArrayInputStream(b.toByteArray())), 16));
        assertTrue(e.getMessage().contains("over the"), e.getMessage());
    }

    @Test
    void aConnectionEndingInsideAPacketIsAnEof() {
        byte[] p = publish("r/cmd/a", "{\"command\":\"stop\"}");
        byte[] cut = java.util.Arrays.copyOf(p, p.length - 3);
        assertThrows(java.io.EOFException.class, () -> readAll(filter(new ByteArrayInputStream(cut)), 16));
    }

    /** Seeded: random splits and timeouts between any two bytes never lose, add or reorder a byte. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void aReadThatTimesOutLosesNothing(long seed) throws IOException {
        Random r = new Random(seed);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < 40; i++) {
            int kind = r.nextInt(4);
            byte[] p = switch (kind) {
                case 0 -> publish("r/cmd/p" + i, "{\"n\":" + "x".repeat(r.nextInt(300)) + "}");
                case 1 -> PINGRESP;
                case 2 -> publish("r/\uFFFD" + i, "bad");
                default -> CONNACK;
            };
            stream.writeBytes(p);
            if (kind != 2) {
                expected.writeBytes(p);
            }
        }
        byte[] all = stream.toByteArray();
        InputStream flaky = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= all.length) {
                    return -1;
                }
                if (r.nextInt(5) == 0) {
                    throw new SocketTimeoutException("no byte within the timeout");
                }
                int n = Math.min(len, 1 + r.nextInt(Math.min(len, 50)));
                n = Math.min(n, all.length - at);
                System.arraycopy(all, at, b, off, n);
                at += n;
                return n;
            }
        };
        InboundFilter f = filter(flaky);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[64];
        while (true) {
            try {
                int n = f.read(buf, 0, 1 + r.nextInt(64));
                if (n < 0) {
                    break;
                }
                got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                // the next read carries on where this one stopped
            }
        }
        assertArrayEquals(expected.toByteArray(), got.toByteArray());
    }
}
