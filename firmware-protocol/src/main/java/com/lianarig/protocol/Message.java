package com.lianarig.protocol;

/**
 * A protocol message: an immutable value whose constructor has checked every field's range.
 * Wire layouts and meanings are in PROTOCOL.md section 7; {@link MessageType} holds the table.
 */
public sealed interface Message
        permits IdentifyRequest, ConfigureNode, ConfigureWinch, SetPoint, Stop, Brake, BrakeTest, Reference,
        Heartbeat, ClearShutdown, Identify, Ack, Nack, LoadSamples, WinchStatus, FaultReport, BrakeTestResult,
        NodeStatus {

    MessageType type();

    /** Payload length in bytes. */
    int payloadLength();

    /** Writes the payload (little-endian) at {@code off}; the caller guarantees room for it. */
    void writePayload(byte[] dst, int off);
}
