package com.lianarig.hal.node;

import com.lianarig.hal.serial.ByteSink;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.serial.SerialLinkListener;
import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.MessageType;
import com.lianarig.sim.transport.InProcessLink;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SerialLink} over the virtual rig's in-process cable, for node sessions on a stepped clock:
 * the test thread is both the link's "reader" ({@link #pump} delivers the node's bytes) and the
 * session's owner. {@link #write} only copies (allocation-free); {@link #pump} forwards the host's
 * bytes to the node and records the types of the frames the host sent.
 */
final class InProcessSerialLink implements SerialLink {
    private final InProcessLink cable;
    private final ByteBuffer toNode = ByteBuffer.allocate(1 << 16);
    private final byte[] chunk = new byte[1 << 16];
    private final FrameDecoder sentDecoder = new FrameDecoder(Direction.HOST_TO_NODE);
    private final FrameView sentView = new FrameView();
    private final ByteBuffer sent = ByteBuffer.allocate(1 << 16);
    private final List<MessageType> sentTypes = new ArrayList<>();
    private ByteSink sink;
    private SerialLinkListener listener;
    private SerialLinkState state = SerialLinkState.CLOSED;

    InProcessSerialLink(InProcessLink cable) {
        this.cable = cable;
    }

    @Override
    public void start(ByteSink byteSink, SerialLinkListener stateListener) {
        sink = byteSink;
        listener = stateListener;
        report(SerialLinkState.OPENING, "opening in-process cable");
    }

    void open() {
        report(SerialLinkState.OPEN, "opened the in-process cable");
    }

    /** The port dies (as a read of -1 would tell). */
    void lose(String how) {
        toNode.clear();
        report(SerialLinkState.LOST, how);
        report(SerialLinkState.RECONNECTING, "next attempt in 100 ms");
    }

    private void report(SerialLinkState s, String why) {
        state = s;
        listener.onStateChanged(s, why);
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        if (state != SerialLinkState.OPEN) {
            return false;
        }
        toNode.put(bytes, offset, length);
        return true;
    }

    /** Forwards the host's bytes to the node, and the node's bytes to the sink. */
    void pump() {
        toNode.flip();
        int n = toNode.remaining();
        if (n > 0) {
            toNode.get(chunk, 0, n);
            cable.hostWrite(chunk, 0, n);
            sent.put(chunk, 0, n);
            sent.flip();
            while (sentDecoder.decode(sent, sentView)) {
                sentTypes.add(sentView.type());
            }
            sent.compact();
        }
        toNode.clear();
        int m;
        while ((m = cable.read(chunk)) > 0) {
            if (state == SerialLinkState.OPEN) {
                sink.onBytes(chunk, 0, m);
            }
        }
    }

    /** Types of the frames the host has sent so far (the bytes already pumped). */
    List<MessageType> sentTypes() {
        return sentTypes;
    }

    /** Host bytes written but not yet pumped to the node. */
    int unpumpedBytes() {
        return toNode.position();
    }

    @Override
    public SerialLinkState state() {
        return state;
    }

    @Override
    public String describe() {
        return "in-process";
    }

    @Override
    public void close() {
        if (state != SerialLinkState.CLOSED) {
            report(SerialLinkState.CLOSED, "closed");
        }
    }
}
