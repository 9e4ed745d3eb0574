package com.lianarig.controller.mqtt;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;

/**
 * The rig's MQTT connection as Paho reads it, with the packets that would harm Paho taken out (R-10,
 * issue 18). Paho 1.2.5 reads each packet whole into one array (then copies a PUBLISH's payload into
 * another), and decodes a PUBLISH's topic with a check that throws {@code IllegalArgumentException}
 * (not the {@code MqttException} its receiver catches) for invalid UTF-8 and for any character it
 * dislikes (controls, lone surrogates, everything from U+FDD0 up, U+FFFD included): the receiver
 * thread died and the connection stayed up but deaf until the keepalive gave up, 20-30 s later.
 *
 * <p>This stream sits between the socket and Paho. Every PUBLISH is held back until it is whole and
 * judged:
 * <ul>
 * <li>remaining length above {@code maxPublishBytes}: skipped as it arrives, never buffered (only its
 * topic's first bytes are kept, to say whose it was);</li>
 * <li>a topic that is not strict UTF-8, or that Paho's own decoder refuses (the judgement is Paho's:
 * the packet is decoded by {@link MqttPublish} here first): dropped;</li>
 * <li>otherwise handed to Paho unchanged.</li>
 * </ul>
 * Both drops are reported to the {@link Listener}. Other packets (CONNACK, SUBACK, PUBACK, PINGRESP:
 * the broker's own) pass through as they arrive; one over the bound is a broken connection
 * ({@link IOException}: Paho reconnects). The rig subscribes at QoS 0, so a dropped PUBLISH owes the
 * broker no acknowledgement.
 *
 * <pre>
 *  byte 0          1..4                  PUBLISH only: 2           L        (2 if QoS > 0)   rest
 *  +-----------+-------------------+   +-------------+-------------+-----------+----------+
 *  | type|flags| remaining length  |   | topic len L | topic (UTF-8)| packet id | payload  |
 *  +-----------+-------------------+   +-------------+-------------+-----------+----------+
 *   type 3 = PUBLISH; remaining length: 7 bits per byte, low first, high bit = more follow
 * </pre>
 *
 * <p>Resumable: a read that throws (a socket timeout) leaves the state as it was, and the next read
 * carries on. Owned by Paho's receiver thread, the only reader of a connection.
 */
final class InboundFilter extends InputStream {
    /** Why a PUBLISH was dropped. */
    enum Drop {
        /** Its remaining length was over the bound: skipped unread. */
        OVERSIZED,
        /** Its topic is not strict UTF-8, or Paho's decoder refuses it. */
        BAD_TOPIC
    }

    /** Told of every dropped PUBLISH, on the receiver thread: must return quickly. */
    interface Listener {
        /**
         * @param drop why
         * @param topic the topic's first bytes as printable text (invalid bytes as {@code \xNN}); may be cut short
         * @param remainingBytes the packet's remaining length, bytes
         */
        void dropped(Drop drop, String topic, long remainingBytes);
    }

    private static final int PUBLISH = 3;
    /** Topic bytes kept from a skipped packet, to name it. */
    private static final int TOPIC_SAMPLE_BYTES = 128;

    private enum State {
        HEADER, ASSEMBLE, SKIP, PASS, EMIT
    }

    private final InputStream in;
    private final int maxPacketBytes;
    private final Listener listener;
    /** A whole PUBLISH (fixed header, then the rest) while it is judged, then while Paho reads it. */
    private final byte[] packet;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private State state = State.HEADER;
    private int headerLength;
    private int remainingLength;
    private int lengthShift;
    private int filled;
    private int emitted;
    private int emitLimit;
    private long left;
    private int sampled;
    private final byte[] sample = new byte[2 + TOPIC_SAMPLE_BYTES];
    private final byte[] one = new byte[1];

    /**
     * @param in the connection as the socket gives it
     * @param maxPacketBytes the largest remaining length accepted (a command plus its topic fit well)
     * @param listener told of every dropped PUBLISH
     */
    InboundFilter(InputStream in, int maxPacketBytes, Listener listener) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), 8192);
        if (maxPacketBytes < 16) {
            throw new IllegalArgumentException("maxPacketBytes must be at least 16, not " + maxPacketBytes);
        }
        this.maxPacketBytes = maxPacketBytes;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.packet = new byte[5 + maxPacketBytes];
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            switch (state) {
                case EMIT -> {
                    int n = Math.min(len, emitLimit - emitted);
                    System.arraycopy(packet, emitted, b, off, n);
                    emitted += n;
                    if (emitted == emitLimit) {
                        state = left > 0 ? State.PASS : State.HEADER;
                        resetHeader();
                    }
                    return n;
                }
                case PASS -> {
                    int n = in.read(b, off, (int) Math.min(len, left));
                    if (n < 0) {
                        throw new EOFException("the connection ended inside a packet");
                    }
                    left -= n;
                    if (left == 0) {
                        state = State.HEADER;
                    }
                    return n;
                }
                case HEADER -> {
                    if (!readHeader()) {
                        return -1;
                    }
                }
                case ASSEMBLE -> assemble();
                case SKIP -> skip();
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    @Override
    public int available() throws IOException {
        return switch (state) {
            case EMIT -> emitLimit - emitted;
            case PASS -> (int) Math.min(left, in.available());
            default -> 0;
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads the fixed header; false at a clean end of the stream (between packets). */
    private boolean readHeader() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (headerLength == 0) {
                    return false;
                }
                throw new EOFException("the connection ended inside a packet header");
            }
            packet[headerLength++] = (byte) c;
            if (headerLength == 1) {
                continue;
            }
            remainingLength |= (c & 0x7F) << lengthShift;
            lengthShift += 7;
            if ((c & 0x80) != 0) {
                if (headerLength == 5) {
                    throw new IOException("malformed MQTT remaining length (more than 4 bytes)");
                }
                continue;
            }
            break;
        }
        int type = (packet[0] & 0xFF) >>> 4;
        if (type != PUBLISH) {
            if (remainingLength > maxPacketBytes) {
                throw new IOException("an MQTT packet of type " + type + " with " + remainingLength
                        + " bytes from the broker: over the " + maxPacketBytes + "-byte bound");
            }
            emitted = 0;
            emitLimit = headerLength;
            left = remainingLength;
            state = State.EMIT;
        } else if (remainingLength > maxPacketBytes) {
            left = remainingLength;
            sampled = 0;
            state = State.SKIP;
        } else {
            filled = 0;
            state = State.ASSEMBLE;
        }
        return true;
    }

    private void resetHeader() {
        headerLength = 0;
        remainingLength = 0;
        lengthShift = 0;
    }

    /** Reads the rest of a PUBLISH into the buffer, then judges it. */
    private void assemble() throws IOException {
        while (filled < remainingLength) {
            int n = in.read(packet, headerLength + filled, remainingLength - filled);
            if (n < 0) {
                throw new EOFException("the connection ended inside a PUBLISH");
            }
            filled += n;
        }
        String problem = topicProblem();
        if (problem == null) {
            emitted = 0;
            emitLimit = headerLength + remainingLength;
            left = 0;
            state = State.EMIT;
            return;
        }
        int topicLength = remainingLength < 2 ? 0
                : Math.min(((packet[headerLength] & 0xFF) << 8) | (packet[headerLength + 1] & 0xFF), remainingLength - 2);
        String topic = printable(packet, headerLength + 2, Math.min(topicLength, TOPIC_SAMPLE_BYTES));
        long length = remainingLength;
        state = State.HEADER;
        resetHeader();
        listener.dropped(Drop.BAD_TOPIC, topic + " (" + problem + ")", length);
    }

    /** Why Paho must not see this PUBLISH's topic, or null when it may. */
    private String topicProblem() {
        if (remainingLength < 2) {
            return "no topic length";
        }
        int topicLength = ((packet[headerLength] & 0xFF) << 8) | (packet[headerLength + 1] & 0xFF);
        if (topicLength == 0 || topicLength > remainingLength - 2) {
            return "topic length " + topicLength + " in a packet of " + remainingLength + " bytes";
        }
        if (printableAscii(headerLength + 2, topicLength)) {
            return null; // nothing in it that Paho's check could refuse
        }
        try {
            utf8.reset().decode(ByteBuffer.wrap(packet, headerLength + 2, topicLength));
        } catch (CharacterCodingException e) {
            return "not UTF-8";
        }
        byte[] rest = java.util.Arrays.copyOfRange(packet, headerLength, headerLength + remainingLength);
        try {
            new MqttPublish((byte) (packet[0] & 0x0F), rest);
        } catch (MqttException | IOException | RuntimeException e) {
            return "Paho refuses it: " + e.getMessage();
        }
        return null;
    }

    private boolean printableAscii(int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (packet[i] < 0x20 || packet[i] == 0x7F) {
                return false; // negative: a byte above 0x7F
            }
        }
        return true;
    }

    /** Skips an oversized PUBLISH as it arrives, keeping only its topic's first bytes to name it. */
    private void skip() throws IOException {
        while (sampled < sample.length && left > 0) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("the connection ended inside a PUBLISH");
            }
            sample[sampled++] = (byte) c;
            left--;
        }
        while (left > 0) {
            // the assembly buffer is free while skipping: read into it and forget
            int n = in.read(packet, 0, (int) Math.min(packet.length, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a PUBLISH");
            }
            left -= n;
        }
        int topicLength = sampled < 2 ? 0 : ((sample[0] & 0xFF) << 8) | (sample[1] & 0xFF);
        String topic = printable(sample, 2, Math.max(0, Math.min(topicLength, sampled - 2)));
        long length = remainingLength;
        state = State.HEADER;
        resetHeader();
        listener.dropped(Drop.OVERSIZED, topic, length);
    }

    /** Bytes as text for a log: printable ASCII as is, anything else as {@code \xNN}. */
    static String printable(byte[] b, int from, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = from; i < from + length; i++) {
            int c = b[i] & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '\\') {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02X", c));
            }
        }
        return s.toString();
    }
}
