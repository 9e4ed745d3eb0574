package com.lianarig.sim.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.SafetyChainSim;
import com.lianarig.sim.transport.LineFaults;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The scenario format: parsing, error messages, random times and applying on the stepped clock. */
class ScenarioTest {
    private static final long MS = 1_000_000L;
    private static final long START = 1_000 * MS;

    private static VirtualRig startedRig() {
        VirtualRig rig = VirtualRig.standardInProcess(3);
        rig.start(0);
        return rig;
    }

    @Test
    void parsesEveryFaultKind() {
        String text = """
                # every fault once
                at 0 channel-stuck left-leg
                at 0 channel-saturated 1
                at 0 channel-disconnected right-loop
                at 0 channel-ok 3
                at 0 channel-drift left-loop -250.5
                at 0 encoder-jump 0 -1200
                at 0 brake-slip 1 drum 0.25
                at 0 brake-ok 1
                at 0 runaway 2 -40
                at 0 drive-fault 0 on
                at 0 bit-errors 1e-4
                at 0 drop-bytes 0.001
                at 0 node-reset 0
                at 0 unplug 1.5
                at 0 extra-load right-leg 200
                at 0 foot-slip left-leg off
                at 0 stop-open pendant
                at 0 stop-close wall
                at 0 client 70 1750 inverted 12
                """;

        Scenario s = Scenario.parse("all.scenario", text);

        assertEquals(List.copyOf(Scenario.FAULT_USAGE.keySet()), s.steps().stream().map(Scenario.Step::fault).toList(),
                "one step per fault, in file order");
        assertEquals(2, s.steps().get(0).line(), "line numbers count the comment line");
        assertEquals("brake-slip 1 drum 0.25", s.steps().get(6).text());
        assertEquals(s.steps().size(), s.plan(startedRig(), new SplittableRandom(1)).size(), "binds on the standard rig");
    }

    @Test
    void eachAppliedStepHappensAtItsTime() {
        VirtualRig rig = startedRig();
        Scenario s = Scenario.parse("timed.scenario", """
                at 0.010 extra-load left-leg 120
                at 0.020 encoder-jump 1 500
                at 0.030 drive-fault 2 on
                at 0.040 stop-open wall
                at 0.050 stop-close wall
                at 0.060 client 70 1750 inverted
                at 0.070 channel-saturated right-loop
                at 0.080 brake-slip 0 drum 0.5
                at 0.090 unplug 0.02                # replugs at 0.110
                at 0.120 bit-errors 0.01
                at 0.130 channel-stuck 0
                at 0.140 channel-disconnected 1
                at 0.150 channel-drift left-loop 300
                at 0.160 channel-ok 0
                at 0.170 runaway 1 -25
                at 0.180 brake-ok 0
                at 0.190 drop-bytes 0.01
                at 0.200 foot-slip right-leg on
                at 0.210 node-reset 0
                """);
        int winch1Counts = rig.physics().winch(1).encoderCounts();
        long boot = rig.node(0).bootId();
        LineFaults line = rig.port(0).toHostFaults();
        var physics = rig.physics();
        Map<String, Long> seenAtMs = new LinkedHashMap<>();
        Map<String, BooleanSupplier> effects = new LinkedHashMap<>();
        effects.put("extra-load", () -> physics.tensionN(0) > 100);
        effects.put("encoder-jump", () -> physics.winch(1).encoderCounts() - winch1Counts == 500);
        effects.put("drive-fault", () -> physics.winch(2).driveFault());
        effects.put("stop-open", () -> physics.safetyChain().openStops().contains(SafetyChainSim.Stop.WALL_ESTOP));
        effects.put("stop-close", () -> seenAtMs.containsKey("stop-open") && physics.safetyChain().relayClosed());
        effects.put("client", () -> physics.exercise() == Exercise.INVERTED_HANG);
        effects.put("channel-saturated", () -> {
            physics.cell(3).convert();
            return physics.cell(3).status() == ChannelStatus.SATURATED;
        });
        effects.put("brake-slip", () -> physics.winch(0).brakeHoldFactor(BrakeId.DRUM) == 0.5);
        effects.put("unplug", line::unplugged);
        effects.put("replug", () -> seenAtMs.containsKey("unplug") && !line.unplugged());
        effects.put("bit-errors", () -> flips(line) > 0);
        effects.put("channel-stuck", () -> physics.cell(0).stuck());
        effects.put("channel-disconnected", () -> physics.cell(1).disconnected());
        effects.put("channel-drift", () -> physics.cell(2).extraDriftCountsPerS() == 300);
        effects.put("channel-ok", () -> seenAtMs.containsKey("channel-stuck") && !physics.cell(0).stuck());
        effects.put("runaway", () -> physics.winch(1).runawayMmPerS() == -25);
        effects.put("brake-ok", () -> seenAtMs.containsKey("brake-slip")
                && physics.winch(0).brakeHoldFactor(BrakeId.DRUM) == 1);
        effects.put("drop-bytes", () -> !line.unplugged() && drops(line) > 0);
        effects.put("foot-slip", () -> physics.footSlipped(1));
        effects.put("node-reset", () -> rig.node(0).bootId() != boot);

        s.applyTo(rig, START);
        for (long t = START - 5 * MS; t <= START + 250 * MS; t += MS) {
            rig.advanceTo(t);
            for (var e : effects.entrySet()) {
                if (!seenAtMs.containsKey(e.getKey()) && e.getValue().getAsBoolean()) {
                    seenAtMs.put(e.getKey(), (t - START) / MS);
                }
            }
        }

        Map<String, Long> expected = new LinkedHashMap<>();
        long[] at = {10, 20, 30, 40, 50, 60, 70, 80, 90, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210};
        int i = 0;
        for (String k : effects.keySet()) {
            expected.put(k, at[i++]);
        }
        assertEquals(expected, seenAtMs, "ms after the start at which each step took effect");
        assertTrue(seenAtMs.keySet().containsAll(Scenario.FAULT_USAGE.keySet()), "every fault kind timed");
    }

    /** Bytes this line's faults now drop of 10,000 (0 while the line is clean). */
    private static long drops(LineFaults line) {
        long before = line.droppedBytes();
        byte[] bytes = new byte[10_000];
        line.apply(bytes, 0, bytes.length, new byte[bytes.length]);
        return line.droppedBytes() - before;
    }

    /** Bit flips this line's faults now give 10,000 bytes (0 while the line is clean). */
    private static long flips(LineFaults line) {
        long before = line.flippedBits();
        byte[] bytes = new byte[10_000];
        line.apply(bytes, 0, bytes.length, new byte[bytes.length]);
        return line.flippedBits() - before;
    }

    @Test
    void malformedLinesAreAllReportedWithFileLineTextAndWhatWasExpected() {
        String text = """
                # a scenario with mistakes
                at 1 channel-stuck left-leg
                at 2 brake-slip 0 motr 0.2
                at 3 brake-slip 0 motor
                at x channel-ok 0
                at 4 chanel-stuck 0
                at 5 extra-load left-leg lots
                at 6 bit-errors 2
                at 7 drive-fault 0 maybe
                at random(9,8) channel-ok 0
                channel-ok 0
                at 8 client 70 1750 sideways
                at 9 node-reset 0 zero extra
                at 10 node-reset 0 cleared
                """;

        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.parse("scenario.txt", text));

        assertEquals(List.of(
                "scenario.txt:3: 'brake-slip 0 motr 0.2': brake must be motor, drum or both, not 'motr'",
                "scenario.txt:4: 'brake-slip 0 motor': missing arguments: expected"
                        + " 'brake-slip WINCH motor|drum|both HOLD_FRACTION'",
                "scenario.txt:5: 'at x channel-ok 0': time must be a number or random(A,B), not 'x'",
                "scenario.txt:6: 'chanel-stuck 0': unknown fault 'chanel-stuck': expected one of "
                        + String.join(", ", Scenario.FAULT_USAGE.keySet()),
                "scenario.txt:7: 'extra-load left-leg lots': NEWTONS must be a number or random(A,B), not 'lots'",
                "scenario.txt:8: 'bit-errors 2': RATE 2 is outside 0..1",
                "scenario.txt:9: 'drive-fault 0 maybe': expected on or off, not 'maybe'",
                "scenario.txt:10: 'at random(9,8) channel-ok 0': time random(9,8): A must not exceed B in random(A,B)",
                "scenario.txt:11: 'channel-ok 0': a step starts with 'at SECONDS', e.g. 'at 1.5 channel-stuck left-leg'",
                "scenario.txt:12: 'client 70 1750 sideways': exercise must be inverted, upright or none, not 'sideways'",
                "scenario.txt:13: 'node-reset 0 zero extra': too many arguments: expected 'node-reset NODE [zero|random]'",
                "scenario.txt:14: 'node-reset 0 cleared': encoder restart must be zero or random, not 'cleared'"),
                e.problems());
        assertTrue(e.getMessage().startsWith("scenario.txt:3: "), e.getMessage());
    }

    @Test
    void ropeNamesAndIndicesTheRigLacksAreReportedWhenAppliedAndNothingIsScheduled() {
        VirtualRig rig = startedRig();
        Scenario s = Scenario.parse("rig.scenario", """
                at 0.001 extra-load left-leg 50
                at 0.002 foot-slip left-arm on
                at 0.003 channel-stuck 9
                at 0.004 encoder-jump 3 100
                at 0.005 node-reset 1
                """);

        ScenarioException e = assertThrows(ScenarioException.class, () -> s.applyTo(rig, 0));

        assertEquals(List.of(
                "rig.scenario:2: 'foot-slip left-arm on': no rope 'left-arm': this rig has"
                        + " [left-leg, right-leg, left-loop, right-loop] (or 0..3)",
                "rig.scenario:3: 'channel-stuck 9': no rope '9': this rig has"
                        + " [left-leg, right-leg, left-loop, right-loop] (or 0..3)",
                "rig.scenario:4: 'encoder-jump 3 100': winch 3 is outside 0..2",
                "rig.scenario:5: 'node-reset 1': node 1 is outside 0..0"), e.problems());
        rig.advanceTo(10 * MS);
        assertEquals(5, rig.physics().tensionN(0), 1e-9, "the valid first step was not scheduled either");
    }

    @Test
    void randomTimesAndValuesAreReproducibleWithASeed() {
        Scenario s = Scenario.parse("random.scenario", """
                at random(1,2) extra-load 0 random(100, 300)
                at random( 5 , 10 ) unplug random(0.5,1.5)
                at 3 brake-slip 0 both random(0.1,0.3)
                """);
        VirtualRig rig = startedRig();

        List<Long> a = times(s.plan(rig, new SplittableRandom(42)));
        List<Long> b = times(s.plan(rig, new SplittableRandom(42)));
        List<Long> c = times(s.plan(rig, new SplittableRandom(43)));

        assertEquals(a, b, "same seed, same times");
        assertNotEquals(a, c, "another seed, other times");
        assertTrue(a.get(0) >= 1_000 * MS && a.get(0) < 2_000 * MS, "in 1..2 s: " + a.get(0));
        assertTrue(a.get(1) >= 5_000 * MS && a.get(1) < 10_000 * MS, "in 5..10 s: " + a.get(1));
        assertEquals(3_000 * MS, a.get(2));

        s.applyTo(rig, 0, new SplittableRandom(42));
        rig.advanceTo(2_000 * MS);
        double load = rig.physics().tensionN(0) - 5;
        assertTrue(load >= 100 && load < 300, "drawn extra load " + load + " N");
        VirtualRig again = startedRig();
        s.applyTo(again, 0, new SplittableRandom(42));
        again.advanceTo(2_000 * MS);
        assertEquals(load, again.physics().tensionN(0) - 5, 1e-12, "same seed, same drawn value");
    }

    @Test
    void theSeedLineSeedsApplyToWithoutARandom() {
        Scenario s = Scenario.parse("seeded.scenario", "seed 99\nat random(0,1) channel-ok 0\n");
        assertEquals(99, s.seed());
        assertEquals(times(s.plan(startedRig(), new SplittableRandom(99))).get(0),
                times(s.plan(startedRig(), new SplittableRandom(s.seed()))).get(0));
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Scenario.parse("twice.scenario", "seed 1\nseed 2\n"));
        assertEquals(List.of("twice.scenario:2: 'seed 2': the seed is already set above"), e.problems());
    }

    @Test
    void theExampleScenarioParsesAndBindsOnTheStandardRig() {
        Scenario s = Scenario.parse(Path.of("scenarios/example.scenario"));

        assertFalse(s.steps().isEmpty());
        assertTrue(s.steps().stream().map(Scenario.Step::fault).collect(java.util.stream.Collectors.toSet())
                .containsAll(Scenario.FAULT_USAGE.keySet()), "the example shows every fault");
        VirtualRig rig = startedRig();
        s.applyTo(rig, 0);
        for (long t = 0; t <= 60_000 * MS; t += 10 * MS) {
            rig.advanceTo(t);
        }
        assertEquals(Exercise.UPRIGHT_HANG, rig.physics().exercise(), "the last step ran");
        assertTrue(rig.physics().safetyChain().relayClosed(), "every stop closed again");
        assertFalse(rig.port(0).toHostFaults().unplugged(), "plugged back in");
    }

    @Test
    void anUnreadableFileIsAClearRejection() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Scenario.parse(Path.of("no/such.scenario")));
        assertTrue(e.getMessage().startsWith("no/such.scenario: cannot read the scenario"), e.getMessage());
    }

    private static List<Long> times(List<Scenario.Planned> plan) {
        return plan.stream().map(Scenario.Planned::offsetNanos).toList();
    }
}
