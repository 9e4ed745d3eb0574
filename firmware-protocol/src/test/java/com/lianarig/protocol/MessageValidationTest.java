package com.lianarig.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each record's constructor rejects every field outside its documented range with a
 * {@link FieldRangeException} that names the field and carries its index in the message's layout
 * (the NACK OUT_OF_RANGE DETAIL). One case per bound: just below the minimum, just above the maximum,
 * and null for coded fields.
 */
class MessageValidationTest {

    private static final long U32_MAX = 0xFFFF_FFFFL;

    @ParameterizedTest(name = "{0}")
    @MethodSource("outOfRangeFields")
    void constructorRejectsTheFieldNamingItAndItsLayoutIndex(String name, MessageType type, String layoutField,
            String messagePrefix, Executable construct) {
        FieldRangeException e = assertThrows(FieldRangeException.class, construct, name);

        assertEquals(Layouts.indexOf(type, layoutField), e.fieldIndex(), name + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith(messagePrefix + " "), name + ": message '" + e.getMessage()
                + "' does not start with the field name " + messagePrefix);
    }

    /** Arguments: case name, type, the layout field whose index is expected, the message's first word, constructor call. */
    static Stream<Arguments> outOfRangeFields() {
        List<Arguments> c = new ArrayList<>();
        MessageType t;

        t = MessageType.IDENTIFY_REQUEST;
        c.add(bad(t, "protocolVersion", "0", () -> new IdentifyRequest(0, 0)));
        c.add(bad(t, "protocolVersion", "256", () -> new IdentifyRequest(256, 0)));
        c.add(bad(t, "definitionHash", "-1", () -> new IdentifyRequest(1, -1)));
        c.add(bad(t, "definitionHash", "2^32", () -> new IdentifyRequest(1, U32_MAX + 1)));

        t = MessageType.CONFIGURE_NODE;
        c.add(bad(t, "sampleRateHz", "0", () -> new ConfigureNode(0, 50, 50, 200, 0)));
        c.add(bad(t, "sampleRateHz", "1001", () -> new ConfigureNode(1001, 50, 50, 200, 0)));
        c.add(bad(t, "statusRateHz", "49", () -> new ConfigureNode(80, 49, 50, 200, 0)));
        c.add(bad(t, "statusRateHz", "251", () -> new ConfigureNode(80, 251, 50, 200, 0)));
        c.add(bad(t, "setpointGapMs", "9", () -> new ConfigureNode(80, 50, 9, 200, 0)));
        c.add(bad(t, "setpointGapMs", "51", () -> new ConfigureNode(80, 50, 51, 200, 0)));
        c.add(bad(t, "heartbeatTimeoutMs", "49", () -> new ConfigureNode(80, 50, 50, 49, 0)));
        c.add(bad(t, "heartbeatTimeoutMs", "201", () -> new ConfigureNode(80, 50, 50, 201, 0)));
        c.add(bad(t, "channelMask", "-1", () -> new ConfigureNode(80, 50, 50, 200, -1)));
        c.add(bad(t, "channelMask", "0x10000", () -> new ConfigureNode(80, 50, 50, 200, 0x10000)));

        t = MessageType.CONFIGURE_WINCH;
        c.add(bad(t, "winch", "-1", () -> new ConfigureWinch(-1, 1, 1, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "winch", "8", () -> new ConfigureWinch(8, 1, 1, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "maxAscentCountsPerS", "0", () -> new ConfigureWinch(0, 0, 1, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "maxAscentCountsPerS", "MIN_VALUE (u32 2^31 on the wire)",
                () -> new ConfigureWinch(0, Integer.MIN_VALUE, 1, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "maxDescentCountsPerS", "0", () -> new ConfigureWinch(0, 1, 0, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "maxDescentCountsPerS", "-1", () -> new ConfigureWinch(0, 1, -1, 1, 120, 1, 0, 1, 1)));
        c.add(bad(t, "maxAccelCountsPerS2", "0", () -> new ConfigureWinch(0, 1, 1, 0, 120, 1, 0, 1, 1)));
        c.add(bad(t, "overspeedPercent", "100", () -> new ConfigureWinch(0, 1, 1, 1, 100, 1, 0, 1, 1)));
        c.add(bad(t, "overspeedPercent", "201", () -> new ConfigureWinch(0, 1, 1, 1, 201, 1, 0, 1, 1)));
        c.add(bad(t, "maxFollowingErrorCounts", "0", () -> new ConfigureWinch(0, 1, 1, 1, 120, 0, 0, 1, 1)));
        c.add(bad(t, "softLimitLowCounts", "low == high", () -> new ConfigureWinch(0, 1, 1, 1, 120, 1, 5, 5, 1)));
        c.add(bad(t, "softLimitLowCounts", "low > high",
                () -> new ConfigureWinch(0, 1, 1, 1, 120, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1)));
        c.add(bad(t, "unreferencedMaxCountsPerS", "0", () -> new ConfigureWinch(0, 1, 1, 1, 120, 1, 0, 1, 0)));

        t = MessageType.SET_POINT;
        c.add(bad(t, "winch", "-1", () -> new SetPoint(-1, 0, 0)));
        c.add(bad(t, "winch", "8", () -> new SetPoint(8, 0, 0)));

        t = MessageType.STOP;
        c.add(bad(t, "winchMask", "0", () -> new Stop(0, StopCategory.CAT_0)));
        c.add(bad(t, "winchMask", "256", () -> new Stop(256, StopCategory.CAT_0)));
        c.add(bad(t, "category", "null", () -> new Stop(1, null)));

        t = MessageType.BRAKE;
        c.add(bad(t, "winch", "-1", () -> new Brake(-1, BrakeAction.APPLY)));
        c.add(bad(t, "winch", "8", () -> new Brake(8, BrakeAction.APPLY)));
        c.add(bad(t, "action", "null", () -> new Brake(0, null)));

        t = MessageType.BRAKE_TEST;
        c.add(bad(t, "winch", "8", () -> new BrakeTest(8, BrakeId.MOTOR, 500, 1000, 10)));
        c.add(bad(t, "brake", "null", () -> new BrakeTest(0, null, 500, 1000, 10)));
        c.add(bad(t, "torquePermille", "0", () -> new BrakeTest(0, BrakeId.MOTOR, 0, 1000, 10)));
        c.add(bad(t, "torquePermille", "1001", () -> new BrakeTest(0, BrakeId.MOTOR, 1001, 1000, 10)));
        c.add(bad(t, "durationMs", "99", () -> new BrakeTest(0, BrakeId.MOTOR, 500, 99, 10)));
        c.add(bad(t, "durationMs", "5001", () -> new BrakeTest(0, BrakeId.MOTOR, 500, 5001, 10)));
        c.add(bad(t, "maxMovementCounts", "0", () -> new BrakeTest(0, BrakeId.MOTOR, 500, 1000, 0)));
        c.add(bad(t, "maxMovementCounts", "65536", () -> new BrakeTest(0, BrakeId.MOTOR, 500, 1000, 65536)));

        t = MessageType.REFERENCE;
        c.add(bad(t, "winch", "8", () -> new Reference(8, ReferenceMode.SET_POSITION, 0, 1)));
        c.add(bad(t, "mode", "null", () -> new Reference(0, null, 0, 1)));
        c.add(bad(t, "homingSpeedCountsPerS", "MIN_VALUE",
                () -> new Reference(0, ReferenceMode.SET_POSITION, 0, Integer.MIN_VALUE)));

        t = MessageType.HEARTBEAT;
        c.add(bad(t, "hostTimeMs", "-1", () -> new Heartbeat(-1)));
        c.add(bad(t, "hostTimeMs", "2^32", () -> new Heartbeat(U32_MAX + 1)));

        t = MessageType.IDENTIFY;
        c.add(bad(t, "protocolVersion", "0", () -> identify(0, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "protocolVersion", "256",
                () -> identify(256, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "definitionHash", "-1", () -> identify(1, -1, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "definitionHash", "2^32",
                () -> identify(1, U32_MAX + 1, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "bootId", "-1", () -> identify(1, 0, -1, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "bootId", "2^32",
                () -> identify(1, 0, U32_MAX + 1, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwareMajor", "-1", () -> identify(1, 0, 0, -1, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwareMajor", "256",
                () -> identify(1, 0, 0, 256, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwareMinor", "-1", () -> identify(1, 0, 0, 0, -1, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwareMinor", "256",
                () -> identify(1, 0, 0, 0, 256, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwarePatch", "-1", () -> identify(1, 0, 0, 0, 0, -1, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "firmwarePatch", "65536",
                () -> identify(1, 0, 0, 0, 0, 65536, 0, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "capabilities", "-1", () -> identify(1, 0, 0, 0, 0, 0, -1, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "capabilities", "0x20 (reserved bit)",
                () -> identify(1, 0, 0, 0, 0, 0, 0x20, 0, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "loadChannelCount", "-1",
                () -> identify(1, 0, 0, 0, 0, 0, 0, -1, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "loadChannelCount", "17",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 17, 0, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "winchCount", "-1", () -> identify(1, 0, 0, 0, 0, 0, 0, 0, -1, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "winchCount", "9", () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 9, 80, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "maxSampleRateHz", "0", () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "maxSampleRateHz", "1001",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 1001, ResetCause.POWER_ON, "S")));
        c.add(bad(t, "resetCause", "null", () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, null, "S")));
        c.add(bad(t, "serial", "null", () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, null)));
        c.add(bad(t, "serialLength", "0 (empty serial)",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "")));
        c.add(bad(t, "serialLength", "33",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "X".repeat(33))));
        c.add(bad(t, "serial", "space (0x20)",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "AB C")));
        c.add(bad(t, "serial", "DEL (0x7F)",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "AB\u007F")));
        c.add(bad(t, "serial", "non-ASCII",
                () -> identify(1, 0, 0, 0, 0, 0, 0, 0, 0, 80, ResetCause.POWER_ON, "Z\u00e9")));

        t = MessageType.ACK;
        c.add(bad(t, "ackedSeq", "-1", () -> new Ack(-1, 0)));
        c.add(bad(t, "ackedSeq", "256", () -> new Ack(256, 0)));
        c.add(bad(t, "ackedMessageId", "-1", () -> new Ack(0, -1)));
        c.add(bad(t, "ackedMessageId", "256", () -> new Ack(0, 256)));

        t = MessageType.NACK;
        c.add(bad(t, "nackedSeq", "-1", () -> new Nack(-1, 0, NackReason.MALFORMED, 0)));
        c.add(bad(t, "nackedSeq", "256", () -> new Nack(256, 0, NackReason.MALFORMED, 0)));
        c.add(bad(t, "nackedMessageId", "-1", () -> new Nack(0, -1, NackReason.MALFORMED, 0)));
        c.add(bad(t, "nackedMessageId", "256", () -> new Nack(0, 256, NackReason.MALFORMED, 0)));
        c.add(bad(t, "reason", "null", () -> new Nack(0, 0, null, 0)));
        c.add(bad(t, "detail", "-1", () -> new Nack(0, 0, NackReason.MALFORMED, -1)));
        c.add(bad(t, "detail", "256", () -> new Nack(0, 0, NackReason.MALFORMED, 256)));

        t = MessageType.LOAD_SAMPLES;
        List<LoadSamples.Sample> one = List.of(new LoadSamples.Sample(0, ChannelStatus.OK));
        c.add(bad(t, "nodeTimeUs", "-1", () -> new LoadSamples(-1, 0, one)));
        c.add(bad(t, "nodeTimeUs", "2^32", () -> new LoadSamples(U32_MAX + 1, 0, one)));
        c.add(bad(t, "firstChannel", "-1", () -> new LoadSamples(0, -1, one)));
        c.add(bad(t, "firstChannel", "16", () -> new LoadSamples(0, 16, one)));
        c.add(bad(t, "count", "samples", "null list", () -> new LoadSamples(0, 0, null)));
        c.add(bad(t, "count", "count", "0 (empty list)", () -> new LoadSamples(0, 0, List.of())));
        c.add(bad(t, "count", "count", "17 from channel 0",
                () -> new LoadSamples(0, 0, Collections.nCopies(17, one.get(0)))));
        c.add(bad(t, "count", "count", "2 from channel 15",
                () -> new LoadSamples(0, 15, Collections.nCopies(2, one.get(0)))));
        c.add(bad(t, "rawCounts", "-2^23 - 1", () -> new LoadSamples.Sample(-(1 << 23) - 1, ChannelStatus.OK)));
        c.add(bad(t, "rawCounts", "2^23", () -> new LoadSamples.Sample(1 << 23, ChannelStatus.OK)));
        c.add(bad(t, "status", "null", () -> new LoadSamples.Sample(0, null)));

        t = MessageType.WINCH_STATUS;
        c.add(bad(t, "nodeTimeUs", "-1", () -> winchStatus(-1, 0, WinchState.BRAKED, 0, NodeFault.NONE, 0)));
        c.add(bad(t, "nodeTimeUs", "2^32",
                () -> winchStatus(U32_MAX + 1, 0, WinchState.BRAKED, 0, NodeFault.NONE, 0)));
        c.add(bad(t, "winch", "-1", () -> winchStatus(0, -1, WinchState.BRAKED, 0, NodeFault.NONE, 0)));
        c.add(bad(t, "winch", "8", () -> winchStatus(0, 8, WinchState.BRAKED, 0, NodeFault.NONE, 0)));
        c.add(bad(t, "state", "null", () -> winchStatus(0, 0, null, 0, NodeFault.NONE, 0)));
        c.add(bad(t, "flags", "-1", () -> winchStatus(0, 0, WinchState.BRAKED, -1, NodeFault.NONE, 0)));
        c.add(bad(t, "flags", "0x40 (reserved bit)",
                () -> winchStatus(0, 0, WinchState.BRAKED, 0x40, NodeFault.NONE, 0)));
        c.add(bad(t, "fault", "null", () -> winchStatus(0, 0, WinchState.BRAKED, 0, null, 0)));
        c.add(bad(t, "driveTorquePermille", "-1001",
                () -> winchStatus(0, 0, WinchState.BRAKED, 0, NodeFault.NONE, -1001)));
        c.add(bad(t, "driveTorquePermille", "1001",
                () -> winchStatus(0, 0, WinchState.BRAKED, 0, NodeFault.NONE, 1001)));

        t = MessageType.FAULT_REPORT;
        c.add(bad(t, "nodeTimeUs", "-1", () -> new FaultReport(-1, 0, NodeFault.OVERSPEED, 0, 0)));
        c.add(bad(t, "nodeTimeUs", "2^32", () -> new FaultReport(U32_MAX + 1, 0, NodeFault.OVERSPEED, 0, 0)));
        c.add(bad(t, "winch", "-1", () -> new FaultReport(0, -1, NodeFault.OVERSPEED, 0, 0)));
        c.add(bad(t, "winch", "256", () -> new FaultReport(0, 256, NodeFault.OVERSPEED, 0, 0)));
        c.add(bad(t, "winch", "8 (neither a winch nor 255)", () -> new FaultReport(0, 8, NodeFault.OVERSPEED, 0, 0)));
        c.add(bad(t, "fault", "null", () -> new FaultReport(0, 0, null, 0, 0)));

        t = MessageType.BRAKE_TEST_RESULT;
        c.add(bad(t, "nodeTimeUs", "-1",
                () -> new BrakeTestResult(-1, 0, BrakeId.DRUM, BrakeTestOutcome.HELD, 0, 0)));
        c.add(bad(t, "nodeTimeUs", "2^32",
                () -> new BrakeTestResult(U32_MAX + 1, 0, BrakeId.DRUM, BrakeTestOutcome.HELD, 0, 0)));
        c.add(bad(t, "winch", "8", () -> new BrakeTestResult(0, 8, BrakeId.DRUM, BrakeTestOutcome.HELD, 0, 0)));
        c.add(bad(t, "brake", "null", () -> new BrakeTestResult(0, 0, null, BrakeTestOutcome.HELD, 0, 0)));
        c.add(bad(t, "outcome", "null", () -> new BrakeTestResult(0, 0, BrakeId.DRUM, null, 0, 0)));
        c.add(bad(t, "torquePermille", "-1",
                () -> new BrakeTestResult(0, 0, BrakeId.DRUM, BrakeTestOutcome.HELD, 0, -1)));
        c.add(bad(t, "torquePermille", "1001",
                () -> new BrakeTestResult(0, 0, BrakeId.DRUM, BrakeTestOutcome.HELD, 0, 1001)));

        t = MessageType.NODE_STATUS;
        c.add(bad(t, "nodeTimeUs", "-1", () -> new NodeStatus(-1, NodeState.RUNNING, NodeFault.NONE, 0, 0)));
        c.add(bad(t, "nodeTimeUs", "2^32",
                () -> new NodeStatus(U32_MAX + 1, NodeState.RUNNING, NodeFault.NONE, 0, 0)));
        c.add(bad(t, "state", "null", () -> new NodeStatus(0, null, NodeFault.NONE, 0, 0)));
        c.add(bad(t, "lastShutdownCause", "null", () -> new NodeStatus(0, NodeState.RUNNING, null, 0, 0)));
        c.add(bad(t, "rxCrcErrors", "-1", () -> new NodeStatus(0, NodeState.RUNNING, NodeFault.NONE, -1, 0)));
        c.add(bad(t, "rxCrcErrors", "65536",
                () -> new NodeStatus(0, NodeState.RUNNING, NodeFault.NONE, 65536, 0)));
        c.add(bad(t, "rxOtherDrops", "-1", () -> new NodeStatus(0, NodeState.RUNNING, NodeFault.NONE, 0, -1)));
        c.add(bad(t, "rxOtherDrops", "65536",
                () -> new NodeStatus(0, NodeState.RUNNING, NodeFault.NONE, 0, 65536)));
        return c.stream();
    }

    @Test
    void everyRangeCheckedLayoutFieldHasACase() {
        // The fields whose whole wire range is valid (any i32), so no value breaks them.
        List<String> unconstrained = List.of(
                "CONFIGURE_WINCH.softLimitHighCounts", // any i32; low >= high is reported at low's index 6
                "SET_POINT.positionCounts", "SET_POINT.velocityCountsPerS",
                "REFERENCE.positionCounts",
                "WINCH_STATUS.positionCounts", "WINCH_STATUS.velocityCountsPerS",
                "WINCH_STATUS.setpointPositionCounts", "WINCH_STATUS.setpointVelocityCountsPerS",
                "FAULT_REPORT.measured", "FAULT_REPORT.limit",
                "BRAKE_TEST_RESULT.movementCounts");
        List<String> covered = new ArrayList<>();
        outOfRangeFields().forEach(a -> covered.add(a.get()[1] + "." + a.get()[2]));
        List<String> missing = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            for (String field : Layouts.fieldNames(type)) {
                String key = type + "." + field;
                if (!covered.contains(key) && !unconstrained.contains(key)) {
                    missing.add(key);
                }
            }
        }
        assertEquals(List.of(), missing, "layout fields with no out-of-range case");
    }

    // ---------------------------------------------------------------------------------------------

    private static Arguments bad(MessageType type, String field, String value, Executable construct) {
        return bad(type, field, field, value, construct);
    }

    private static Arguments bad(MessageType type, String layoutField, String messagePrefix, String value,
            Executable construct) {
        return Arguments.of(type + "." + messagePrefix + " = " + value, type, layoutField, messagePrefix, construct);
    }

    private static Identify identify(int protocolVersion, long definitionHash, long bootId, int major, int minor,
            int patch, int capabilities, int loadChannels, int winches, int maxSampleRateHz, ResetCause cause,
            String serial) {
        return new Identify(protocolVersion, definitionHash, bootId, major, minor, patch, capabilities, loadChannels,
                winches, maxSampleRateHz, cause, serial);
    }

    private static WinchStatus winchStatus(long nodeTimeUs, int winch, WinchState state, int flags, NodeFault fault,
            int torque) {
        return new WinchStatus(nodeTimeUs, winch, state, 0, 0, 0, 0, flags, fault, torque);
    }
}
