package com.lianarig.protocol.link;

import com.lianarig.protocol.FrameView;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.MessageType;
import com.lianarig.protocol.NackReason;

/**
 * What a {@link HostLinkSession} reports to its owner. Called on the session's owner thread, from
 * inside {@code onFrame}, {@code poll} or {@code submit}; implementations must not call back into
 * the session's {@code onFrame} or {@code poll}.
 */
public interface LinkListener {

    /** The node identified itself with a matching protocol: the link is READY. */
    void onIdentified(Identify identity);

    /** A stream or report frame from the identified node (not IDENTIFY, ACK or NACK); valid during the call only. */
    void onFrame(FrameView frame);

    /** The node accepted the command sent with {@code seq}. */
    void onAck(int seq, MessageType command);

    /** The node refused the command sent with {@code seq}; it is not retransmitted. */
    void onNack(int seq, MessageType command, NackReason reason, int detail);

    /** The command sent with {@code seq} will get no answer: the link faulted or the node restarted. */
    void onCommandLost(int seq, MessageType command, LinkFault cause);

    /** The link stopped being usable; see {@link HostLinkSession#state()} for what happens next. */
    void onLinkFault(LinkFault fault);
}
