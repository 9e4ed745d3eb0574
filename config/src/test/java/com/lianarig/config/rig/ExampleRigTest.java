package com.lianarig.config.rig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The example rig file loads, and is the virtual rig's standard rig. */
class ExampleRigTest {

    @Test
    void exampleLoadsFromItsFile() throws Exception {
        RigConfig rig = RigFiles.loader().load(RigFiles.EXAMPLE);
        assertEquals(1, rig.nodes().size());
        assertEquals(3, rig.winches().size());
        assertEquals(4, rig.ropes().size());
    }

    @Test
    void exampleIsTheVirtualRigsStandardRig() throws Exception {
        RigConfig rig = RigFiles.loader().load(RigFiles.EXAMPLE);
        NodeConfig node = rig.nodes().get(0);
        assertEquals(1, node.address());
        assertEquals("VR-0001", node.serial());
        assertEquals(new PortSelector.DevicePath("/dev/ttyACM0"), node.port());
        assertEquals(80, node.sampleRateHz());

        double countsPerMm = 400 * 50 / (2 * Math.PI * 40);
        for (WinchConfig w : rig.winches()) {
            assertEquals(countsPerMm, w.countsPerMm(), 0.001, w.id());
            assertEquals(40, w.drumRadiusMm());
        }
        assertEquals(List.of(1600.0, 1600.0, 1200.0), rig.winches().stream().map(WinchConfig::travelMm).toList());
        assertEquals(List.of(0, 1, 2), rig.winches().stream().map(WinchConfig::index).toList());

        WinchConfig left = rig.winch("left-leg-winch").orElseThrow();
        assertEquals("right-leg-winch", rig.partner(left).orElseThrow().id());
        assertEquals(Optional.empty(), rig.partner(rig.winch("left-loop-winch").orElseThrow()));

        assertEquals(List.of("left-leg", "right-leg", "left-loop", "right-loop"),
                rig.ropes().stream().map(RopeConfig::id).toList());
        assertEquals(List.of(0, 1, 2, 3), rig.ropes().stream().map(RopeConfig::channel).toList());
        RopeConfig fixed = rig.rope("right-loop").orElseThrow();
        assertEquals(OptionalDouble.of(2100), fixed.fixedHeightMm());
        assertEquals(RopeKind.FINGER_LOOP, fixed.kind());
        assertEquals(Side.RIGHT, fixed.side());
        assertEquals(List.of(new ChannelRef("VR-0001", 0), new ChannelRef("VR-0001", 1), new ChannelRef("VR-0001", 2),
                new ChannelRef("VR-0001", 3)), rig.loadChannels());
    }

    @Test
    void exampleUsesTheSpecDefaultsForEveryLimit() throws Exception {
        RigConfig rig = RigFiles.loader().load(RigFiles.EXAMPLE);
        assertEquals(Limits.defaults(), rig.limits());
    }

    @Test
    void exampleKeepsItsDataNextToItselfInACheckout() throws Exception {
        RigConfig rig = RigFiles.loader().load(RigFiles.EXAMPLE);
        Path data = RigFiles.EXAMPLE.toAbsolutePath().normalize().getParent().resolve("data");
        assertEquals(DataPaths.under(data), rig.paths());
        assertEquals(data.resolve("journal").resolve("journal.bin"), rig.journal().path());
        assertTrue(rig.mqtt().clientId().startsWith("liana-v1-"));
    }
}
