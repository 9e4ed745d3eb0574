package com.lianarig.controller.mqtt.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * An MQTT 3.1.1 client written byte by byte, for attacks a well-behaved client library refuses to
 * make: a PUBLISH whose topic is any bytes at all (invalid UTF-8, control characters,
 * noncharacters), a payload of any size streamed without holding it in memory, and thousands of
 * messages as fast as the socket takes them. QoS 0 only; it never reads what the broker sends after
 * the CONNACK (a subscriber it is not). Owned by one thread.
 *
 * <pre>
 *  CONNECT  10 LEN | 00 04 'M' 'Q' 'T' 'T' | 04 | flags | keepalive(2) | client id | [user] | [password]
 *  CONNACK  20 02  | session present | return code (0 = accepted)
 *  PUBLISH  30 LEN | topic length(2) | topic bytes | payload         (QoS 0: no packet id)
 * </pre>
 */
public final class RawMqttClient implements AutoCloseable {
    private static final int KEEPALIVE_S = 60;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawMqttClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        this.in = socket.getInputStream();
    }

    /** Connects to an anonymous broker over plain TCP. */
    public static RawMqttClient connect(String host, int port, String clientId) throws IOException {
        return connect(SocketFactory.getDefault(), host, port, clientId, Optional.empty(), Optional.empty());
    }

    /** Connects to {@code broker} as {@code user} (its password and TLS when secured). */
    public static RawMqttClient connect(MosquittoBroker broker, String user, String clientId) throws IOException {
        if (!broker.isSecured()) {
            return connect(MosquittoBroker.HOST, broker.port(), clientId);
        }
        return connect(broker.connectOptions(user).getSocketFactory(), MosquittoBroker.HOST, broker.port(), clientId,
                Optional.of(user), Optional.of(broker.password(user)));
    }

    /**
     * Connects and waits for the CONNACK.
     *
     * @throws IOException when the broker refuses (the return code is in the message) or closes the socket
     */
    public static RawMqttClient connect(SocketFactory factory, String host, int port, String clientId,
            Optional<String> user, Optional<String> password) throws IOException {
        Socket s = factory.createSocket();
        s.connect(new InetSocketAddress(host, port), 5_000);
        s.setTcpNoDelay(true);
        s.setSoTimeout(5_000);
        RawMqttClient c = new RawMqttClient(s);
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            writeString(body, "MQTT".getBytes(StandardCharsets.US_ASCII));
            body.write(4); // protocol level 3.1.1
            int flags = 0x02 | (user.isPresent() ? 0x80 : 0) | (password.isPresent() ? 0x40 : 0);
            body.write(flags);
            body.write(KEEPALIVE_S >> 8);
            body.write(KEEPALIVE_S & 0xFF);
            writeString(body, clientId.getBytes(StandardCharsets.UTF_8));
            if (user.isPresent()) {
                writeString(body, user.get().getBytes(StandardCharsets.UTF_8));
            }
            if (password.isPresent()) {
                writeString(body, password.get().getBytes(StandardCharsets.UTF_8));
            }
            c.out.write(0x10);
            writeLength(c.out, body.size());
            body.writeTo(c.out);
            c.out.flush();
            byte[] connack = new byte[4];
            new DataInputStream(c.in).readFully(connack);
            if (connack[0] != 0x20 || connack[1] != 2) {
                throw new IOException("not a CONNACK: " + java.util.HexFormat.of().formatHex(connack));
            }
            if (connack[3] != 0) {
                throw new IOException("the broker refused the connection: CONNACK return code " + connack[3]);
            }
            s.setSoTimeout(0);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Publishes {@code payload} at QoS 0 to a topic of any bytes; buffered until {@link #flush}. */
    public void publish(byte[] topic, byte[] payload) throws IOException {
        out.write(0x30);
        writeLength(out, 2 + topic.length + payload.length);
        writeString(out, topic);
        out.write(payload);
    }

    /** As {@link #publish(byte[], byte[])} with a UTF-8 topic and payload. */
    public void publish(String topic, String payload) throws IOException {
        publish(topic.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Publishes a payload of {@code payloadBytes} bytes (a JSON-looking prefix, then spaces), streamed
     * in 64 KiB pieces, and flushes.
     */
    public void publishLarge(String topic, long payloadBytes) throws IOException {
        byte[] t = topic.getBytes(StandardCharsets.UTF_8);
        long remaining = 2 + t.length + payloadBytes;
        if (remaining > 268_435_455L) {
            throw new IllegalArgumentException("MQTT's largest packet is 268,435,455 bytes");
        }
        out.write(0x30);
        writeLength(out, (int) remaining);
        writeString(out, t);
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        byte[] head = "{\"command\":\"stop\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, chunk, 0, head.length);
        long left = payloadBytes;
        boolean first = true;
        while (left > 0) {
            int n = (int) Math.min(chunk.length, left);
            out.write(chunk, 0, n);
            if (first) {
                java.util.Arrays.fill(chunk, 0, head.length, (byte) ' ');
                first = false;
            }
            left -= n;
        }
        out.flush();
    }

    public void flush() throws IOException {
        out.flush();
    }

    /**
     * Whether the broker has closed this connection: a read that sees the end of the stream (or a
     * reset) within {@code waitMs}.
     */
    public boolean closedByBroker(long waitMs) throws IOException {
        socket.setSoTimeout((int) Math.max(1, waitMs));
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }

    private static void writeString(OutputStream o, byte[] bytes) throws IOException {
        o.write(bytes.length >> 8);
        o.write(bytes.length & 0xFF);
        o.write(bytes);
    }

    /** The MQTT "remaining length": 7 bits per byte, low first, top bit set while more follow. */
    private static void writeLength(OutputStream o, int length) throws IOException {
        int n = length;
        do {
            int digit = n % 128;
            n /= 128;
            o.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
    }
}
