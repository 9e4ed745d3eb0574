package com.lianarig.hal.node;

import com.lianarig.hal.serial.ByteSink;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameDecoder;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.MessageType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes the bytes the host sent (a {@code SteppedSerialLink}'s tap) and records each frame's type; test thread only. */
final class SentFrames implements ByteSink {
    private final FrameDecoder decoder = new FrameDecoder(Direction.HOST_TO_NODE);
    private final FrameView view = new FrameView();
    private final ByteBuffer pending = ByteBuffer.allocate(1 << 17);
    private final List<MessageType> types = new ArrayList<>();

    @Override
    public void onBytes(byte[] buffer, int offset, int length) {
        pending.put(buffer, offset, length);
        pending.flip();
        while (decoder.decode(pending, view)) {
            types.add(view.type());
        }
        pending.compact();
    }

    /** Types of the frames the host has sent so far (the bytes already pumped). */
    List<MessageType> types() {
        return types;
    }
}
