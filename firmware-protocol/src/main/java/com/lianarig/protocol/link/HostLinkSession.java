package com.lianarig.protocol.link;

import com.lianarig.protocol.Delivery;
import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.FrameFormat;
import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.IdentifyRequest;
import com.lianarig.protocol.Message;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.Nack;
import com.lianarig.protocol.NackReason;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.ProtocolException;
import com.lianarig.protocol.Wire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host side of one node link as an I/O-free state machine driven by injected time: identify and
 * definition-hash check, heartbeats, command sequence numbers with ack/retransmit, duplicate
 * suppression, and link faults (rules in PROTOCOL.md sections 5 and 6).
 *
 * <pre>
 *   start() ──► IDENTIFYING ──IDENTIFY ok──► READY ──ack timeout / silence / portLost──► FAULTED
 *                 │    ▲                       │                                │
 *                 │    └──── node restarted ───┘            restart() ──────────┘ (back to IDENTIFYING)
 *                 ├── other protocol or definition ──► REFUSED (final: never heartbeats, never commands)
 *                 └── no IDENTIFY after all attempts ──► FAULTED
 * </pre>
 *
 * <p>Heartbeats are sent only while READY, so a node whose link faulted or was refused stays in (or
 * drops into) its safe, sticky shutdown. Frames arrive through {@link #onFrame}, time through
 * {@link #poll}; the session writes through its {@link LinkOutput} and reports to its
 * {@link LinkListener}. Steady state (heartbeats, set-points, acks) allocates nothing.
 *
 * <p>The owner configures the node from {@link LinkListener#onIdentified}. An identified node sends
 * NODE_STATUS at 20 Hz, so the 100 ms silence limit has a twofold margin.
 *
 * <p>Not thread-safe: owned by one thread (the node session's), which calls every method.
 */
public final class HostLinkSession {
    private static final Logger log = LoggerFactory.getLogger(HostLinkSession.class);

    /** The session's states. */
    public enum State {
        /** Created, not started. */
        IDLE,
        /** Sending IDENTIFY_REQUEST until the node answers. */
        IDENTIFYING,
        /** Identified with a matching protocol: heartbeats flow, commands and set-points may be sent. */
        READY,
        /** The node runs another protocol: nothing is ever sent again. */
        REFUSED,
        /** Unusable until {@link #restart}; no heartbeats, so the node shuts down. */
        FAULTED
    }

    private final int nodeAddress;
    private final LinkTiming timing;
    private final LinkOutput output;
    private final LinkListener listener;
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] txFrame = new byte[FrameFormat.MAX_FRAME_LENGTH];
    private final byte[] txPayload = new byte[FrameFormat.MAX_PAYLOAD_LENGTH];
    private final Outstanding[] slots = new Outstanding[LinkTiming.SLOTS];

    private State state = State.IDLE;
    private LinkFault fault;
    private Identify identity;
    private int identifyRequestsSent;
    private long nextIdentifyAtNanos;
    private long nextHeartbeatAtNanos;
    private long lastFrameAtNanos;
    private int nextCommandSeq;
    private int streamSeq;
    private int lastNodeSeq = -1;
    private int outstandingOrdinary;
    /** The boot id of the node last identified on this link, or -1: a different one later is a reset. */
    private long lastBootId = -1;
    private boolean resetReported;

    private long lostFrames;
    private long duplicateFrames;
    private long retransmissions;
    private long strayAnswers;
    private long invalidFrames;
    private long otherAddressFrames;

    /** One unacknowledged command and its frame, kept for retransmission. */
    private static final class Outstanding {
        final byte[] frame = new byte[FrameFormat.MAX_FRAME_LENGTH];
        int length;
        int seq;
        MessageType type;
        long sentAtNanos;
        int transmissions;
        boolean inUse;
    }

    /**
     * @param nodeAddress the node's address, 1..127
     */
    public HostLinkSession(int nodeAddress, LinkTiming timing, LinkOutput output, LinkListener listener) {
        if (nodeAddress < FrameFormat.MIN_NODE_ADDRESS || nodeAddress > FrameFormat.MAX_NODE_ADDRESS) {
            throw new IllegalArgumentException("node address " + nodeAddress + " is outside 1..127");
        }
        this.nodeAddress = nodeAddress;
        this.timing = timing;
        this.output = output;
        this.listener = listener;
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Outstanding();
        }
    }

    /** Starts identifying: the first IDENTIFY_REQUEST goes out now. */
    public void start(long nowNanos) {
        if (state != State.IDLE) {
            throw new IllegalStateException("session already started: " + state);
        }
        beginIdentify(nowNanos);
    }

    /**
     * Leaves FAULTED and identifies again (after the owner has reconnected the port, for instance).
     * A REFUSED session stays refused: the node must be reflashed, not retried.
     */
    public void restart(long nowNanos) {
        if (state != State.FAULTED) {
            throw new IllegalStateException("restart is for a FAULTED session, this one is " + state);
        }
        beginIdentify(nowNanos);
    }

    /**
     * The owner's serial link lost its port (unplug, read -1, write error): the link faults at once
     * with PORT_LOST, without waiting for the silence limit, and outstanding commands are lost. After
     * reopening a port, {@link #restart} identifies whatever node is there now. No-op when IDLE,
     * REFUSED or already FAULTED.
     */
    public void portLost(long nowNanos, String reason) {
        if (state == State.IDENTIFYING || state == State.READY) {
            fail(new LinkFault(LinkFault.Kind.PORT_LOST, "node " + nodeAddress + ": " + reason));
        }
    }

    /**
     * When the last valid frame from the node was taken (or the link became READY, or the silence was last
     * excused), on the owner's clock, ns: the node-silence check counts from here (SR-9).
     */
    public long lastFrameAtNanos() {
        return lastFrameAtNanos;
    }

    /**
     * The owner was late to read (its reader or its own thread stalled, so the node's frames may be waiting
     * unread): the node is not judged silent for it, and the silence limit counts again from {@code nowNanos}.
     * SR-9 "the journal says whose silence it was": the owner reports its own delay instead. No-op unless READY.
     */
    public void excuseSilence(long nowNanos) {
        if (state == State.READY && nowNanos - lastFrameAtNanos > 0) {
            lastFrameAtNanos = nowNanos;
        }
    }

    /**
     * The owner has been late to read for longer than it can vouch for the link (SR-9): the link faults with
     * HOST_LATE (outstanding commands are lost, heartbeats stop) and is identified again after
     * {@link #restart}. No-op unless IDENTIFYING or READY.
     */
    public void hostLate(long nowNanos, String detail) {
        if (state == State.IDENTIFYING || state == State.READY) {
            fail(new LinkFault(LinkFault.Kind.HOST_LATE, "node " + nodeAddress + ": " + detail));
        }
    }

    /**
     * The owner rejects the node it identified (a board that is not the one its setup expects, say):
     * the link faults with WRONG_NODE and, as in every fault, sends no more heartbeats, so the node
     * falls into (or stays in) its safe, sticky shutdown. {@link #restart} identifies again (after the
     * wiring is fixed). No-op unless IDENTIFYING or READY.
     */
    public void reject(long nowNanos, String reason) {
        if (state == State.IDENTIFYING || state == State.READY) {
            fail(new LinkFault(LinkFault.Kind.WRONG_NODE, "node " + nodeAddress + ": " + reason));
        }
    }

    private void beginIdentify(long nowNanos) {
        state = State.IDENTIFYING;
        identity = null;
        identifyRequestsSent = 0;
        lastNodeSeq = -1;
        nextIdentifyAtNanos = nowNanos;
        poll(nowNanos);
    }

    /**
     * Handles one frame decoded from the node's port (the decoder accepts only node-to-host frames).
     */
    public void onFrame(FrameView frame, long nowNanos) {
        if (state == State.IDLE || state == State.REFUSED || state == State.FAULTED) {
            return;
        }
        if (frame.nodeAddress() != nodeAddress || frame.direction() != Direction.NODE_TO_HOST) {
            otherAddressFrames++;
            return;
        }
        // IDENTIFY is exempt: a restarted node's counter starts again and may repeat the last SEQ,
        // and a repeated IDENTIFY is harmless (same boot id: ignored).
        if (frame.seq() == lastNodeSeq && frame.type() != MessageType.IDENTIFY) {
            duplicateFrames++;
            return;
        }
        if (lastNodeSeq >= 0) {
            lostFrames += (frame.seq() - lastNodeSeq - 1) & 0xFF;
        }
        lastNodeSeq = frame.seq();
        lastFrameAtNanos = nowNanos;

        switch (frame.type()) {
            case IDENTIFY -> onIdentify(frame, nowNanos);
            case ACK, NACK -> onAnswer(frame, nowNanos);
            default -> {
                if (state == State.READY) {
                    listener.onFrame(frame);
                }
            }
        }
    }

    private void onIdentify(FrameView frame, long nowNanos) {
        Identify id = (Identify) decode(frame);
        if (id == null) {
            return;
        }
        if (state == State.READY) {
            if (id.bootId() != identity.bootId()) {
                nodeRestarted("the node started again (boot id " + Long.toHexString(identity.bootId()) + " -> "
                        + Long.toHexString(id.bootId()) + ", reset cause " + id.resetCause() + ")", nowNanos);
            }
            return; // same boot id: a late answer to a retransmitted IDENTIFY_REQUEST
        }
        if (id.protocolVersion() != ProtocolDefinition.PROTOCOL_VERSION) {
            refuse(new LinkFault(LinkFault.Kind.PROTOCOL_VERSION_MISMATCH, "node " + id.serial() + " speaks protocol "
                    + id.protocolVersion() + ", this host speaks " + ProtocolDefinition.PROTOCOL_VERSION));
            return;
        }
        if (id.definitionHash() != ProtocolDefinition.HASH) {
            refuse(new LinkFault(LinkFault.Kind.DEFINITION_MISMATCH, String.format(
                    "node %s (firmware %d.%d.%d) was built from protocol definition %08X, this host from %08X:"
                            + " update the firmware or the host so both use the same definition",
                    id.serial(), id.firmwareMajor(), id.firmwareMinor(), id.firmwarePatch(), id.definitionHash(),
                    ProtocolDefinition.HASH)));
            return;
        }
        if (lastBootId >= 0 && id.bootId() != lastBootId && !resetReported) {
            // the node restarted while the link was down (port lost, silence): its state is gone all the same
            fault = new LinkFault(LinkFault.Kind.NODE_RESET, "node " + nodeAddress + " started again while the link was"
                    + " down (boot id " + Long.toHexString(lastBootId) + " -> " + Long.toHexString(id.bootId())
                    + ", reset cause " + id.resetCause() + ")");
            log.warn("{}", fault.detail());
            listener.onLinkFault(fault);
        }
        lastBootId = id.bootId();
        resetReported = false;
        identity = id;
        state = State.READY;
        nextCommandSeq = 0;
        lastFrameAtNanos = nowNanos;
        nextHeartbeatAtNanos = nowNanos;
        log.info("node {} identified: serial {}, firmware {}.{}.{}, {} load channels, {} winches", nodeAddress,
                id.serial(), id.firmwareMajor(), id.firmwareMinor(), id.firmwarePatch(), id.loadChannelCount(),
                id.winchCount());
        listener.onIdentified(id);
        poll(nowNanos);
    }

    private void onAnswer(FrameView frame, long nowNanos) {
        if (state != State.READY) {
            strayAnswers++;
            return;
        }
        byte[] b = frame.bytes();
        int p = frame.payloadOffset();
        if (frame.type() == MessageType.NACK) {
            Message m = decode(frame);
            if (m == null) {
                return;
            }
            Nack nack = (Nack) m;
            if (nack.reason() == NackReason.NOT_IDENTIFIED) {
                nodeRestarted("the node answered seq " + nack.nackedSeq() + " with NOT_IDENTIFIED", nowNanos);
                return;
            }
            Outstanding slot = find(nack.nackedSeq(), nack.nackedMessageId());
            if (slot == null) {
                strayAnswers++;
                return;
            }
            release(slot);
            listener.onNack(slot.seq, slot.type, nack.reason(), nack.detail());
        } else {
            Outstanding slot = find(Wire.u8(b, p), Wire.u8(b, p + 1));
            if (slot == null) {
                strayAnswers++;
                return;
            }
            release(slot);
            listener.onAck(slot.seq, slot.type);
        }
    }

    private Message decode(FrameView frame) {
        try {
            return frame.toMessage();
        } catch (ProtocolException e) {
            invalidFrames++;
            log.warn("node {}: dropped an invalid {} frame: {}", nodeAddress, frame.type(), e.getMessage());
            return null;
        }
    }

    /**
     * Advances time: IDENTIFY_REQUEST retries, heartbeats, command retransmissions, ack timeouts
     * and the node-silence check. Call at least every few milliseconds (the node session's loop).
     */
    public void poll(long nowNanos) {
        switch (state) {
            case IDENTIFYING -> pollIdentify(nowNanos);
            case READY -> pollReady(nowNanos);
            default -> {
                // IDLE, REFUSED, FAULTED: nothing is sent
            }
        }
    }

    private void pollIdentify(long nowNanos) {
        if (nowNanos - nextIdentifyAtNanos < 0) {
            return;
        }
        if (identifyRequestsSent >= timing.identifyAttempts()) {
            fail(new LinkFault(LinkFault.Kind.NO_IDENTIFY, "node " + nodeAddress + " did not answer "
                    + identifyRequestsSent + " IDENTIFY_REQUESTs"));
            return;
        }
        identifyRequestsSent++;
        nextIdentifyAtNanos = nowNanos + timing.identifyRetryNanos();
        sendStream(new IdentifyRequest(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH));
    }

    private void pollReady(long nowNanos) {
        if (nowNanos - lastFrameAtNanos >= timing.silenceTimeoutNanos()) {
            fail(new LinkFault(LinkFault.Kind.NODE_SILENT, "no valid frame from node " + nodeAddress + " for "
                    + (nowNanos - lastFrameAtNanos) / 1_000_000 + " ms"));
            return;
        }
        for (Outstanding slot : slots) {
            if (!slot.inUse || nowNanos - slot.sentAtNanos < timing.ackTimeoutNanos()) {
                continue;
            }
            if (slot.transmissions > timing.maxRetransmissions()) {
                fail(new LinkFault(LinkFault.Kind.ACK_TIMEOUT, slot.type + " seq " + slot.seq + " to node "
                        + nodeAddress + " unanswered after " + slot.transmissions + " transmissions"));
                return;
            }
            slot.transmissions++;
            slot.sentAtNanos = nowNanos;
            retransmissions++;
            output.write(slot.frame, slot.length);
            if (state != State.READY) {
                return; // the write reported the port lost (portLost) from inside this call
            }
        }
        if (nowNanos - nextHeartbeatAtNanos >= 0) {
            Wire.putU32(txPayload, 0, (nowNanos / 1_000_000L) & 0xFFFF_FFFFL);
            sendStreamPayload(MessageType.HEARTBEAT, MessageType.HEARTBEAT.minPayloadLength());
            nextHeartbeatAtNanos = Math.max(nextHeartbeatAtNanos + timing.heartbeatPeriodNanos(),
                    nowNanos + timing.heartbeatPeriodNanos() / 2);
        }
    }

    /**
     * Sends an acknowledged command. While READY it gets the next command sequence number and is
     * retransmitted until answered; the answer arrives through the listener.
     *
     * <p>A STOP is never held back: when tracking it would take a slot an ordinary command may need, or
     * while the link is identifying or faulted, it is still sent (best effort, untracked) and -1 is
     * returned. Other commands need a READY link
     * with room in the window ({@link #canSubmit()}).
     *
     * @return the command's SEQ, or -1 for a STOP sent untracked
     * @throws IllegalArgumentException if the message is not a command
     * @throws IllegalStateException if a non-STOP command cannot be sent now, with why
     */
    public int submit(Message command, long nowNanos) {
        MessageType type = command.type();
        if (type.delivery() != Delivery.COMMAND) {
            throw new IllegalArgumentException(type + " is not an acknowledged command");
        }
        boolean stop = type == MessageType.STOP;
        Outstanding slot = state == State.READY && (!stop || stopMayTakeASlot()) ? freeSlot() : null;
        if (!stop) {
            if (state != State.READY) {
                throw new IllegalStateException("cannot send " + type + " to node " + nodeAddress + ": link is "
                        + state + (fault != null ? " (" + fault.detail() + ")" : ""));
            }
            if (outstandingOrdinary >= timing.commandWindow()) {
                throw new IllegalStateException("cannot send " + type + " to node " + nodeAddress + ": "
                        + outstandingOrdinary + " commands await an answer (window " + timing.commandWindow() + ")");
            }
            if (slot == null) {
                throw new IllegalStateException("cannot send " + type + " to node " + nodeAddress
                        + ": no free slot for an acknowledged command");
            }
        }
        if (slot == null) {
            if (state == State.REFUSED || state == State.IDLE) {
                return -1; // never talk to a node running another protocol
            }
            int length = encoder.encode(Direction.HOST_TO_NODE, nodeAddress, nextCommandSeq(), command, txFrame, 0);
            output.write(txFrame, length);
            return -1;
        }
        slot.seq = nextCommandSeq();
        slot.type = type;
        slot.length = encoder.encode(Direction.HOST_TO_NODE, nodeAddress, slot.seq, command, slot.frame, 0);
        slot.sentAtNanos = nowNanos;
        slot.transmissions = 1;
        slot.inUse = true;
        if (!stop) {
            outstandingOrdinary++;
        }
        output.write(slot.frame, slot.length);
        return slot.seq;
    }

    /** True when a non-STOP command can be submitted now. */
    public boolean canSubmit() {
        return state == State.READY && outstandingOrdinary < timing.commandWindow() && freeSlot() != null;
    }

    /**
     * A STOP is tracked only while that leaves a slot for every ordinary command the window still
     * allows; beyond that it is sent untracked (the node executes every STOP, duplicates included).
     */
    private boolean stopMayTakeASlot() {
        int free = 0;
        for (Outstanding slot : slots) {
            if (!slot.inUse) {
                free++;
            }
        }
        return free > timing.commandWindow() - outstandingOrdinary;
    }

    /**
     * Streams one SET_POINT (never acknowledged); allocation-free, for the control loop.
     *
     * @param winch the winch index on this node, 0..7
     * @param positionCounts target position, encoder counts
     * @param velocityCountsPerS feed-forward velocity, counts/s
     * @return false when the link is not READY (nothing sent)
     */
    public boolean sendSetPoint(int winch, int positionCounts, int velocityCountsPerS) {
        if (state != State.READY) {
            return false;
        }
        if (winch < 0 || winch > 7) {
            throw new IllegalArgumentException("winch " + winch + " is outside 0..7");
        }
        Wire.putU8(txPayload, 0, winch);
        Wire.putI32(txPayload, 1, positionCounts);
        Wire.putI32(txPayload, 5, velocityCountsPerS);
        sendStreamPayload(MessageType.SET_POINT, MessageType.SET_POINT.minPayloadLength());
        return true;
    }

    private int nextCommandSeq() {
        int seq;
        do {
            seq = nextCommandSeq;
            nextCommandSeq = (nextCommandSeq + 1) & 0xFF;
        } while (find(seq) != null);
        return seq;
    }

    private void sendStream(Message message) {
        int length = encoder.encode(Direction.HOST_TO_NODE, nodeAddress, streamSeq, message, txFrame, 0);
        streamSeq = (streamSeq + 1) & 0xFF;
        output.write(txFrame, length);
    }

    private void sendStreamPayload(MessageType type, int payloadLength) {
        int length = encoder.encode(Direction.HOST_TO_NODE, nodeAddress, streamSeq, type, txPayload, 0, payloadLength,
                txFrame, 0);
        streamSeq = (streamSeq + 1) & 0xFF;
        output.write(txFrame, length);
    }

    private Outstanding freeSlot() {
        for (Outstanding slot : slots) {
            if (!slot.inUse) {
                return slot;
            }
        }
        return null;
    }

    private Outstanding find(int seq) {
        for (Outstanding slot : slots) {
            if (slot.inUse && slot.seq == seq) {
                return slot;
            }
        }
        return null;
    }

    private Outstanding find(int seq, int messageId) {
        Outstanding slot = find(seq);
        return slot != null && slot.type.code() == messageId ? slot : null;
    }

    private void release(Outstanding slot) {
        slot.inUse = false;
        if (slot.type != MessageType.STOP) {
            outstandingOrdinary--;
        }
    }

    private void nodeRestarted(String detail, long nowNanos) {
        resetReported = true;
        LinkFault f = new LinkFault(LinkFault.Kind.NODE_RESET, "node " + nodeAddress + ": " + detail);
        log.warn("{}", f.detail());
        fault = f;
        loseOutstanding(f);
        listener.onLinkFault(f);
        beginIdentify(nowNanos);
    }

    private void refuse(LinkFault f) {
        log.error("node {} refused: {}", nodeAddress, f.detail());
        fault = f;
        state = State.REFUSED;
        listener.onLinkFault(f);
    }

    private void fail(LinkFault f) {
        log.warn("node {} link fault: {} ({})", nodeAddress, f.words(), f.kind());
        fault = f;
        state = State.FAULTED;
        loseOutstanding(f);
        listener.onLinkFault(f);
    }

    private void loseOutstanding(LinkFault cause) {
        for (Outstanding slot : slots) {
            if (slot.inUse) {
                release(slot);
                listener.onCommandLost(slot.seq, slot.type, cause);
            }
        }
    }

    public State state() {
        return state;
    }

    /** The last fault, or null if none. */
    public LinkFault fault() {
        return fault;
    }

    /** The node's IDENTIFY while READY, else null. */
    public Identify identity() {
        return state == State.READY ? identity : null;
    }

    public int nodeAddress() {
        return nodeAddress;
    }

    /** Node frames missing from the SEQ sequence. */
    public long lostFrames() {
        return lostFrames;
    }

    /** Node frames dropped because they repeated the previous frame's SEQ. */
    public long duplicateFrames() {
        return duplicateFrames;
    }

    public long retransmissions() {
        return retransmissions;
    }

    /** ACK/NACKs for no outstanding command (late duplicates), or before READY. */
    public long strayAnswers() {
        return strayAnswers;
    }

    /** Frames whose content broke the protocol (logged). */
    public long invalidFrames() {
        return invalidFrames;
    }

    /** Frames addressed from another node (miswiring). */
    public long otherAddressFrames() {
        return otherAddressFrames;
    }
}
