package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.ErrorAssertions.onlyError;
import static com.lianarig.config.rig.RigFiles.errors;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.node;
import static com.lianarig.config.rig.RigFiles.rope;
import static com.lianarig.config.rig.RigFiles.winch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules between sections: references, uniqueness, pairs, rates. */
class RigCrossChecksTest {

    @Test
    void aRopeNamingNoWinchListsTheWinchesThereAre() {
        ObjectNode rig = example();
        rope(rig, 2).put("winch", "left-lop-winch");
        ConfigError e = onlyError(errors(rig));
        assertEquals("ropes[2].winch", e.path());
        assertEquals("\"left-lop-winch\"", e.value());
        assertTrue(e.rule().startsWith("names no winch (the winches are left-leg-winch, right-leg-winch,"
                + " left-loop-winch)"), e.rule());
    }

    @Test
    void referencesToNodesAreChecked() {
        ObjectNode rig = example();
        winch(rig, 1).put("node", "spare");
        rope(rig, 3).put("node", "spare");
        List<ConfigError> errors = errors(rig);
        errorAt(errors, "winches[1].node", "names no node (the node is main)");
        errorAt(errors, "ropes[3].node", "names no node");
    }

    @Test
    void aWinchThatFailedToLoadCausesNoFalseReferenceErrors() {
        ObjectNode rig = example();
        winch(rig, 2).put("drumRadiusMm", -1);
        ConfigError e = onlyError(errors(rig));
        assertEquals("winches[2].drumRadiusMm", e.path());
    }

    @Test
    void idsAreUniquePerSection() {
        ObjectNode rig = example();
        rope(rig, 3).put("id", "left-leg");
        winch(rig, 1).put("id", "left-leg-winch");
        ((ObjectNode) rig.withArray("panels").get(1)).put("id", "trainer-tablet");
        List<ConfigError> errors = errors(rig);
        errorAt(errors, "ropes[3].id", "is already the id of ropes[0]");
        errorAt(errors, "winches[1].id", "is already the id of winches[0]");
        errorAt(errors, "panels[1].id", "is already the id of panels[0]");
    }

    @Test
    void eachLoadChannelCarriesOneRope() {
        ObjectNode rig = example();
        rope(rig, 3).put("channel", 1);
        ConfigError e = onlyError(errors(rig));
        assertEquals("ropes[3].channel", e.path());
        assertTrue(e.rule().startsWith("is already the load channel of ropes[1] on node \"main\""), e.rule());
    }

    @Test
    void eachWinchCarriesExactlyOneRope() {
        ObjectNode rig = example();
        rope(rig, 2).put("winch", "left-leg-winch");
        List<ConfigError> errors = errors(rig);
        errorAt(errors, "ropes[2].winch", "is already the winch of ropes[0]");
        errorAt(errors, "winches[2].id", "carries no rope");
    }

    @Test
    void twoWinchesOnOneNodeSlotAreRejected() {
        ObjectNode rig = example();
        winch(rig, 2).put("index", 1);
        errorAt(errors(rig), "winches[2].index", "is already the index of winches[1] on node \"main\"");
    }

    @Test
    void theLegStrapsMustFormAPair() {
        ObjectNode rig = example();
        winch(rig, 1).put("pair", "other");
        List<ConfigError> errors = errors(rig);
        errorAt(errors, "winches[0].pair", "has 1 winch: a pair is exactly two winches");
        errorAt(errors, "winches[1].pair", "has 1 winch");

        ObjectNode unpaired = example();
        winch(unpaired, 0).remove("pair");
        winch(unpaired, 1).remove("pair");
        errorAt(errors(unpaired), "ropes[1].winch", "carry the leg straps but are not one pair");
    }

    @Test
    void aNodeWithoutWinchesNeedsALinkTimeoutOfTwoNodeStatusPeriods() {
        ObjectNode rig = example();
        ObjectNode second = ((com.fasterxml.jackson.databind.node.ArrayNode) rig.get("nodes")).addObject();
        second.setAll(node(rig, 0).deepCopy());
        second.put("id", "loops").put("address", 2).put("serial", "VR-0002");
        ((ObjectNode) second.get("port")).put("path", "/dev/ttyACM1");
        rig.with("limits").put("linkTimeoutMs", 60);

        errorAt(errors(rig), "limits.linkTimeoutMs", "two NODE_STATUS periods");
    }

    @Test
    void bothWinchesOfAPairHangOnOneNode() {
        ObjectNode rig = example();
        ObjectNode second = ((com.fasterxml.jackson.databind.node.ArrayNode) rig.get("nodes")).addObject();
        second.setAll(node(rig, 0).deepCopy());
        second.put("id", "second").put("address", 2).put("serial", "VR-0002");
        ((ObjectNode) second.get("port")).put("path", "/dev/ttyACM1");
        winch(rig, 1).put("node", "second");

        errorAt(errors(rig), "winches[1].node", "both winches of a pair hang on one node");
    }

    @Test
    void aPairIsExactlyTwoWinchesOfALeftAndARightRope() {
        ObjectNode rig = example();
        winch(rig, 2).put("pair", "legs");
        errorAt(errors(rig), "winches[2].pair", "has 3 winches");

        ObjectNode sameSide = example();
        rope(sameSide, 1).put("side", "left");
        errorAt(errors(sameSide), "winches[1].pair", "a pair is a left and a right rope of the same kind");
    }

    @Test
    void aRigHasNoneOrTwoLegStraps() {
        ObjectNode rig = example();
        rope(rig, 2).put("kind", "leg-strap");
        errorAt(errors(rig), "ropes[2].kind", "makes 3 leg straps");
    }

    @Test
    void aLegStrapHangsFromAWinch() {
        ObjectNode rig = example();
        rope(rig, 0).remove("winch");
        rope(rig, 0).put("fixedHeightMm", 1500);
        errorAt(errors(rig), "ropes[0].fixedHeightMm", "a leg strap hangs from a winch");
    }

    @Test
    void aRopeHangsFromExactlyOneOfAWinchAndAFixedPoint() {
        ObjectNode both = example();
        rope(both, 2).put("fixedHeightMm", 1500);
        errorAt(errors(both), "ropes[2].fixedHeightMm", "cannot be given with winch");

        ObjectNode neither = example();
        rope(neither, 3).remove("fixedHeightMm");
        errorAt(errors(neither), "ropes[3]", "needs exactly one of winch, fixedHeightMm");
    }

    @Test
    void aNodeHasExactlyOnePortSelector() {
        ObjectNode rig = example();
        ((ObjectNode) node(rig, 0).get("port")).put("vidPid", "1A86:7523");
        errorAt(errors(rig), "nodes[0].port.vidPid", "cannot be given with path");

        ObjectNode none = example();
        ((ObjectNode) node(none, 0).get("port")).remove("path");
        errorAt(errors(none), "nodes[0].port", "needs exactly one of path, usbSerial, vidPid");
    }

    @Test
    void usbSerialAndVidPidAreAcceptedAndVidPidIsChecked() throws Exception {
        ObjectNode usb = example();
        ((ObjectNode) node(usb, 0).get("port")).removeAll().put("usbSerial", "A10K4C2Z");
        assertEquals(new PortSelector.UsbSerial("A10K4C2Z"), RigFiles.load(usb).nodes().get(0).port());

        ObjectNode vid = example();
        ((ObjectNode) node(vid, 0).get("port")).removeAll().put("vidPid", "1a86:7523");
        PortSelector.VidPid v = (PortSelector.VidPid) RigFiles.load(vid).nodes().get(0).port();
        assertEquals(0x1A86, v.vendorId());
        assertEquals("1A86:7523", v.value());

        ObjectNode bad = example();
        ((ObjectNode) node(bad, 0).get("port")).removeAll().put("vidPid", "1A86-7523");
        errorAt(errors(bad), "nodes[0].port.vidPid", "is not a USB vendor:product id in hex");
    }

    @Test
    void twoNodesCannotShareAPort() {
        ObjectNode rig = example();
        ObjectNode second = node(rig, 0).deepCopy();
        second.put("id", "second").put("serial", "VR-0002");
        rig.withArray("nodes").add(second);
        errorAt(errors(rig), "nodes[1].port.path", "is already the port of nodes[0]: one node per serial port");
    }

    @Test
    void aWinchChannelMustBeSampledAt80Hz() {
        ObjectNode rig = example();
        node(rig, 0).put("sampleRateHz", 10);
        List<ConfigError> errors = errors(rig);
        assertEquals(3, errors.size(), ErrorAssertions.list(errors));
        errorAt(errors, "ropes[0].channel",
                "is sampled at 10 Hz by node \"main\": a channel a winch depends on needs 80 Hz");
    }

    @Test
    void aNodesTrafficMustFitItsBaudRate() {
        ObjectNode rig = example();
        node(rig, 0).put("baud", 57_600);
        ConfigError e = onlyError(errors(rig));
        assertEquals("nodes[0].baud", e.path());
        assertTrue(e.rule().contains("carries 5760 bytes/s but this node sends about 14060 bytes/s"), e.rule());
    }

    @Test
    void linkBudgetMatchesTheProtocolDocumentsWorkedExample() {
        // PROTOCOL.md 1.2: 4 channels at 80 Hz, 2 winches at 100 Hz = 10,360 bytes/s.
        assertEquals(10_360, RigChecks.bytesPerS(80, 4, 100, 2));
        // A full node: 16 channels at 80 Hz, 8 winches at 250 Hz = 80,800 bytes/s.
        assertEquals(80_800, RigChecks.bytesPerS(80, 16, 250, 8));
    }

    @Test
    void travelPositionsMustBeInOrder() {
        ObjectNode rig = example();
        winch(rig, 0).put("softLowMm", 2);
        winch(rig, 1).put("upperLimitMm", 1700);
        List<ConfigError> errors = errors(rig);
        errorAt(errors, "winches[0].softLowMm", "is not above lowerLimitMm 5");
        errorAt(errors, "winches[1].upperLimitMm", "is beyond travelMm 1600");
    }

    @Test
    void mmPerCountIsAnAlternativeToCountsPerMm() throws Exception {
        ObjectNode rig = example();
        winch(rig, 0).remove("countsPerMm");
        winch(rig, 0).put("mmPerCount", 0.0125);
        assertEquals(80, RigFiles.load(rig).winches().get(0).countsPerMm(), 1e-9);
    }

    @Test
    void linkTimeoutMustSpanThreeStatusPeriods() {
        ObjectNode rig = example();
        node(rig, 0).put("statusRateHz", 50);
        ((ObjectNode) rig.get("limits")).put("linkTimeoutMs", 50);
        errorAt(errors(rig), "limits.linkTimeoutMs", "is shorter than three status periods of nodes[0]");
    }

    @Test
    void gpioPinsAreUsedOnce() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("gpio").get("buzzer")).put("pin", 22);
        ConfigError e = onlyError(errors(rig));
        assertEquals("gpio.buzzer.pin", e.path());
        assertTrue(e.rule().startsWith("is already used by gpio.pendant.upPin"), e.rule());
    }

    @Test
    void theRigConfigConstructorEnforcesTheSameRules() throws Exception {
        RigConfig rig = RigFiles.load(example());
        List<RopeConfig> ropes = new java.util.ArrayList<>(rig.ropes());
        RopeConfig r = ropes.get(3);
        ropes.set(3, new RopeConfig(r.id(), r.kind(), r.side(), r.winch(), r.fixedHeightMm(), r.node(), 0,
                r.ratedWorkingLoadKg(), r.limitKg(), r.stiffnessNPerMm()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RigConfig(rig.nodes(),
                rig.winches(), ropes, rig.limits(), rig.gpio(), rig.mqtt(), rig.panels(), rig.journal(),
                rig.paths()));
        assertTrue(e.getMessage().startsWith("ropes[3].channel"), e.getMessage());
    }

    @Test
    void ropeCountIsTwoToSix() {
        ObjectNode rig = example();
        ArrayNode ropes = rig.withArray("ropes");
        ropes.add(rope(rig, 3).deepCopy().put("id", "r5").put("channel", 4));
        ropes.add(rope(rig, 3).deepCopy().put("id", "r6").put("channel", 5));
        ropes.add(rope(rig, 3).deepCopy().put("id", "r7").put("channel", 6));
        errorAt(errors(rig), "ropes", "has 7 entries: a list of 2..6 entries");
    }
}
