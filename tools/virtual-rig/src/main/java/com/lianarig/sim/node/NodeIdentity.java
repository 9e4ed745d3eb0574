package com.lianarig.sim.node;

import com.lianarig.protocol.Identify;

/**
 * What a virtual node says about itself in IDENTIFY.
 *
 * @param address the node's address, 1..127
 * @param serial the node's serial number
 * @param firmwareMajor firmware version, major
 * @param firmwareMinor firmware version, minor
 * @param firmwarePatch firmware version, patch
 * @param capabilities {@code Identify.CAP_*} bits
 * @param maxSampleRateHz the highest sample rate the node accepts, Hz
 * @param protocolVersion the protocol version it claims (tests of refusal change it)
 * @param definitionHash the definition hash it claims (tests of refusal change it)
 */
public record NodeIdentity(int address, String serial, int firmwareMajor, int firmwareMinor, int firmwarePatch,
        int capabilities, int maxSampleRateHz, int protocolVersion, long definitionHash) {

    /** A node of this build: the real protocol version and definition hash, every capability. */
    public static NodeIdentity of(int address, String serial) {
        return new NodeIdentity(address, serial, 1, 0, 0, Identify.CAP_BRAKE_TEST | Identify.CAP_HOMING
                | Identify.CAP_BRAKE_FEEDBACK | Identify.CAP_DRIVE_TORQUE, 1000,
                com.lianarig.protocol.ProtocolDefinition.PROTOCOL_VERSION,
                com.lianarig.protocol.ProtocolDefinition.HASH);
    }

    /** The same node claiming another protocol definition (for refusal tests and conformance). */
    public NodeIdentity withDefinitionHash(long hash) {
        return new NodeIdentity(address, serial, firmwareMajor, firmwareMinor, firmwarePatch, capabilities,
                maxSampleRateHz, protocolVersion, hash);
    }
}
