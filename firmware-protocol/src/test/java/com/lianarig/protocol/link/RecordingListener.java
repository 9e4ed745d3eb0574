package com.lianarig.protocol.link;

import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;
import java.util.ArrayList;
import java.util.List;

/** Records what a session reports, as readable lines and typed lists. */
final class RecordingListener implements LinkListener {
    final List<String> events = new ArrayList<>();
    final List<LinkFault> faults = new ArrayList<>();
    final List<MessageType> frames = new ArrayList<>();
    Identify identified;

    @Override
    public void onIdentified(Identify identity) {
        identified = identity;
        events.add("identified " + identity.serial());
    }

    @Override
    public void onFrame(FrameView frame) {
        frames.add(frame.type());
    }

    @Override
    public void onAck(int seq, MessageType command) {
        events.add("ack " + seq + " " + command);
    }

    @Override
    public void onNack(int seq, MessageType command, NackReason reason, int detail) {
        events.add("nack " + seq + " " + command + " " + reason + " " + detail);
    }

    @Override
    public void onCommandLost(int seq, MessageType command, LinkFault cause) {
        events.add("lost " + seq + " " + command + " " + cause.kind());
    }

    @Override
    public void onLinkFault(LinkFault fault) {
        faults.add(fault);
        events.add("fault " + fault.kind());
    }
}
