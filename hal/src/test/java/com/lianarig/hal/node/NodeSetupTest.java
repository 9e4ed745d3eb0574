package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.FieldRangeException;
import com.lianarig.protocol.Identify;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.ResetCause;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSetupTest {
    /** Encoder counts per millimetre of rope: any value; these tests check the set-up, not a rig. */
    private static final int COUNTS_PER_MM = 80;

    /** SPEC section 4 defaults in counts: ascent 80 mm/s, descent 50 mm/s, 100 mm/s^2, 120 %, 20 mm, 10 mm/s unreferenced. */
    private static WinchLimits limits(int winch) {
        int c = COUNTS_PER_MM;
        return new WinchLimits(winch, 80 * c, 50 * c, 100 * c, 120, 20 * c, -50 * c, 1_650 * c, 10 * c);
    }

    /** The standard virtual rig's node 1 (VR-0001): 4 channels at 80 Hz, 3 winches at 100 Hz, 50 ms gap, 200 ms watchdog. */
    private static NodeSetup standardSetup() {
        return new NodeSetup(1, "VR-0001", 80, 100, 50, 200, 0x0F, List.of(limits(0), limits(1), limits(2)));
    }

    private static Identify node(String serial, int channels, int winches, int maxRateHz) {
        return new Identify(ProtocolDefinition.PROTOCOL_VERSION, ProtocolDefinition.HASH, 1, 1, 0, 0, 0, channels,
                winches, maxRateHz, ResetCause.POWER_ON, serial);
    }

    @Test
    void aValueOutsideItsProtocolRangeIsRejectedByName() {
        FieldRangeException e = assertThrows(FieldRangeException.class,
                () -> new NodeSetup(1, "", 80, 100, 60, 200, 0x0F, List.of()));
        assertTrue(e.getMessage().contains("setpointGapMs"), e.getMessage());
        e = assertThrows(FieldRangeException.class, () -> new WinchLimits(0, 1000, 1000, 1000, 250, 100, 0, 1, 10));
        assertTrue(e.getMessage().contains("overspeedPercent"), e.getMessage());
        e = assertThrows(FieldRangeException.class, () -> new WinchLimits(0, 1000, 1000, 1000, 120, 100, 5, 5, 10));
        assertTrue(e.getMessage().contains("softLimitLowCounts"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NodeSetup(0, "", 80, 100, 50, 200, 1, List.of()));
    }

    @Test
    void aWinchSetUpTwiceIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NodeSetup(1, "", 80, 100, 50, 200, 1, List.of(limits(0), limits(0))));
        assertTrue(e.getMessage().contains("winch 0 of node 1 is set up twice"), e.getMessage());
    }

    @Test
    void theSetUpBecomesItsConfigurationMessages() {
        NodeSetup s = standardSetup();
        assertEquals(List.of(0, 1, 2, 3), s.channels());
        assertEquals(80, s.configureNode().sampleRateHz());
        assertEquals(0x0F, s.configureNode().channelMask());
        assertEquals(2, s.winches().get(2).toMessage().winch());
    }

    @Test
    void aNodeThatLacksWhatTheSetUpNeedsIsNamedAMisfit() {
        NodeSetup s = standardSetup();
        assertNull(s.misfit(node("VR-0001", 4, 3, 1000)));
        String why = s.misfit(node("VR-0002", 2, 2, 50));
        assertTrue(why.contains("serial number VR-0002 instead of VR-0001"), why);
        assertTrue(why.contains("channel 3 is set up but the node has 2 load channels"), why);
        assertTrue(why.contains("winch 2 is set up but the node has 2 winches"), why);
        assertTrue(why.contains("sample rate 80 Hz is above the node's maximum 50 Hz"), why);
        NodeSetup anyNode = new NodeSetup(1, " ", 80, 100, 50, 200, 0x0F, List.of());
        assertNull(anyNode.misfit(node("whatever", 4, 0, 80)), "no serial expected: any node fits");
    }
}
