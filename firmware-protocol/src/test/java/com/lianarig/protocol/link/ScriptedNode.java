package com.lianarig.protocol.link;

import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.ResetCause;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The node end of a link, scripted by the test: it records every frame the host writes (decoded
 * with the real decoder) and hands the session node frames built with the real encoder. It
 * answers nothing by itself.
 */
final class ScriptedNode implements LinkOutput {
    /** A frame the host sent, decoded. */
    record Sent(int seq, Message message, byte[] bytes) {
    }

    static final int ADDRESS = 3;

    private final FrameDecoder decoder = new FrameDecoder(Direction.HOST_TO_NODE);
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameView view = new FrameView();
    private final FrameView toHost = new FrameView();
    private final FrameDecoder toHostDecoder = new FrameDecoder(Direction.NODE_TO_HOST);
    final List<Sent> sent = new ArrayList<>();
    private int seq;

    @Override
    public void write(byte[] frame, int length) {
        ByteBuffer in = ByteBuffer.wrap(Arrays.copyOf(frame, length));
        if (!decoder.decode(in, view) || in.hasRemaining()) {
            throw new AssertionError("the host wrote something that is not exactly one frame: " + decoder);
        }
        try {
            sent.add(new Sent(view.seq(), view.toMessage(), Arrays.copyOf(frame, length)));
        } catch (ProtocolException e) {
            throw new AssertionError("the host wrote an invalid frame: " + e.getMessage(), e);
        }
    }

    /** A node frame with the node's next stream SEQ, decoded into a view the session can take. */
    FrameView frame(Message message) {
        return frameWithSeq(message, nextSeq());
    }

    FrameView frameWithSeq(Message message, int frameSeq) {
        return frameFrom(ADDRESS, message, frameSeq);
    }

    FrameView frameFrom(int address, Message message, int frameSeq) {
        byte[] bytes = encoder.encode(Direction.NODE_TO_HOST, address, frameSeq, message);
        if (!toHostDecoder.decode(ByteBuffer.wrap(bytes), toHost)) {
            throw new AssertionError("could not decode own frame");
        }
        return toHost;
    }

    int nextSeq() {
        int s = seq;
        seq = (seq + 1) & 0xFF;
        return s;
    }

    static Identify identify(long bootId) {
        return identify(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH, bootId);
    }

    static Identify identify(int protocolVersion, long definitionHash, long bootId) {
        return new Identify(protocolVersion, definitionHash, bootId, 1, 4, 2, Identify.CAP_BRAKE_TEST, 4, 2, 80,
                ResetCause.POWER_ON, "LN-0042");
    }

    <T extends Message> List<Sent> sentOf(Class<T> type) {
        return sent.stream().filter(s -> type.isInstance(s.message())).toList();
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }
}
