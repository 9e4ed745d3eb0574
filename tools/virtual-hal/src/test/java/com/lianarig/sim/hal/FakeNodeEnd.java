package com.lianarig.sim.hal;

import com.lianarig.sim.transport.InProcessLink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** The node's end of an in-process cable, for link tests without a rig: records what arrives, sends text. */
final class FakeNodeEnd {
    final InProcessLink cable = new InProcessLink(new SplittableRandom(7));
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    FakeNodeEnd() {
        cable.connectNode(this::receive);
    }

    private synchronized void receive(byte[] bytes, int offset, int length) {
        received.write(bytes, offset, length);
    }

    /** What the host's bytes that reached the node spell. */
    synchronized String received() {
        return received.toString(StandardCharsets.US_ASCII);
    }

    /** The node sends {@code text} towards the host. */
    void send(String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        cable.write(b, 0, b.length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
