package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.MS;
import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.rig.LimitSpec;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.AlarmLevel;
import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.history.InversionFile;
import com.lianarig.controller.history.SessionRecorder;
import com.lianarig.controller.rig.RigIo;
import com.lianarig.protocol.link.LinkTiming;
import com.lianarig.sim.hal.SteppedSerialLink;
import com.lianarig.sim.hal.VirtualSafetyChainMonitor;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.sim.transport.InProcessLink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, SR-21 across a power cut: a client hangs inverted, the power goes (or the service is killed:
 * R-5), the service comes up again holding (SR-15) with no client attached. The time inverted must go on
 * from what was recorded, not from 0 and not never, for as long as the leg ropes carry that body; the
 * session history must keep the inversion's time; and with nothing on the ropes the cut inversion is closed
 * and nothing sounds.
 *
 * <p>"Power cut": the first controller is simply never stepped again (no stop record, nothing closed, the
 * inversion file's writer only as far as it got); the virtual rig runs on alone (its node brakes on its
 * heartbeat watchdog) for a downtime, then a fresh controller and a fresh {@link InversionFile} start over
 * the same data directory and the same rig, as {@link Sr15RestartTest} does. Judged on the rig's true
 * state (what the leg ropes carry, that nothing moved) and on what the restarted controller publishes.
 */
@Timeout(600)
class Sr21AfterRestartTest {
    /** The default alarm time, s. */
    private static final int ALARM_S = 180;
    /** How long the client hangs before the cut, s. */
    private static final double BEFORE_CUT_S = 101;
    /** How long the rig stays without its service (a Pi rebooting), ms. */
    private static final long DOWN_MS = 20_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** (a) Inverted ~100 s, cut, restart: the alarm rises ~80 s after the restart, then escalates and is acknowledged as usual. */
    @Test
    void aClientLeftHangingByAPowerCutIsAlarmedForTheTimeLeftNotFromZeroAndNotNever() throws Exception {
        try (RigHarness h = RigHarness.standard(2101, dir, l -> l.with(LimitSpec.INVERTED_ALARM_S, ALARM_S))) {
            InversionFile before = hangInvertedThenCut(h, "c-cut", null);
            assertTrue(Files.exists(h.dataDir.resolve(InversionFile.NAME)), "the time inverted was made durable");
            double recordedS = recordedS(h);
            assertEquals(100, recordedS, 0.05, "the last checkpoint before the cut (every 10 s)");
            long cutAt = powerCut(h);

            try (Restarted r = new Restarted(h, cutAt)) {
                double[] restMm = {h.truePositionMm(SrRig.LEFT), h.truePositionMm(SrRig.RIGHT)};
                r.step(1_000);
                // SR-15: up holding, or in FAULT: with no client attached SR-2 finds the body an unexplained load
                assertTrue(r.c.mode() == Mode.HOLDING || r.c.mode() == Mode.FAULT, r.c.mode() + ": "
                        + r.c.status().modeReason());
                assertTrue(carriedShare(h, 70) > 0.15, "the client still hangs in the straps: " + carriedShare(h, 70));
                assertTrue(r.c.status().invertedS() >= recordedS, "counting on from the recorded time, not from 0: "
                        + r.c.status().invertedS() + " s; " + r.journal);
                assertTrue(r.journal.stream().anyMatch(j -> j.startsWith("inverted {\"event\":\"resumed\"")), r.journal.toString());

                long restartedAt = cutAt;
                assertTrue(r.stepUntil(() -> r.c.status().alarm().isPresent(), 120_000),
                        "no alarm at all after the restart: " + r.c.status().invertedS() + " s");
                double afterRestartS = (r.now - restartedAt) / 1e9;
                assertTrue(afterRestartS > ALARM_S - recordedS - 0.5 && afterRestartS < ALARM_S - recordedS + 0.5,
                        "the alarm rose " + afterRestartS + " s after the restart: expected the " + (ALARM_S - recordedS)
                                + " s left, not " + ALARM_S + " s");
                assertEquals(AlarmLevel.ALARM, r.c.status().alarm().orElseThrow().level());
                assertEquals("c-cut", r.c.status().alarm().orElseThrow().clientId(), "the panels name the client");
                assertTrue(r.c.status().invertedAlarm());
                assertTrue(r.journal.stream().anyMatch(j -> j.startsWith("alarm ") && j.contains("\"level\":\"alarm\"")),
                        "the QoS 1 event for studio systems (the journal is the outbox): " + r.journal);

                // escalation and acknowledgement as usual
                r.step(60_000 + 20);
                assertEquals(AlarmLevel.ESCALATED, r.c.status().alarm().orElseThrow().level(), "escalated after 60 s");
                assertTrue(r.c.decide(new Command.AcknowledgeAlarm(), TECHNICIAN, r.now).accepted());
                assertEquals(AlarmLevel.ACKNOWLEDGED, r.c.status().alarm().orElseThrow().level());
                // nothing moved by itself (SR-15; the trainer decides)
                assertEquals(restMm[0], h.truePositionMm(SrRig.LEFT), 0.2, "left winch moved");
                assertEquals(restMm[1], h.truePositionMm(SrRig.RIGHT), 0.2, "right winch moved");

                // the trainer lowers the client (rescue descent, hold-to-run): the inversion ends, journalled as usual
                assertTrue(r.c.decide(new Command.TakeControl(), TRAINER, r.now).accepted());
                r.enableHeld = true;
                r.step(200);
                assertTrue(r.c.decide(new Command.RescueDescent(true), TRAINER, r.now).accepted(), r.c.status().toString());
                assertTrue(r.stepUntil(() -> r.c.status().alarm().isEmpty(), 300_000), "still inverted, "
                        + carriedShare(h, 70) + " of the body on the leg ropes: " + r.c.status());
                assertTrue(carriedShare(h, 70) <= 0.15 + 0.02, "lowered: " + carriedShare(h, 70));
                JsonNode ended = JSON.readTree(r.journal.stream().filter(j -> j.startsWith("inverted {\"event\":\"ended\""))
                        .findFirst().orElseThrow().substring("inverted ".length()));
                assertEquals("c-cut", ended.path("client").asText());
                assertTrue(ended.path("seconds").asDouble() > ALARM_S + 60, "its whole length: " + ended);
                assertEquals(0, r.c.status().invertedS(), 1e-9);
                assertFalse(Files.exists(h.dataDir.resolve(InversionFile.NAME)), "nothing to resume next time");
            }
            before.close();
        }
    }

    /** (b) The session history holds the time inverted up to the cut (the last checkpoint), not 0. */
    @Test
    void theHistoryKeepsTheTimeInvertedOfAnInversionThePowerCut() throws Exception {
        Path profiles = dir.resolve("profiles");
        try (RigHarness h = RigHarness.standard(2102, dir, l -> l.with(LimitSpec.INVERTED_ALARM_S, ALARM_S))) {
            SessionRecorder recorder = new SessionRecorder(new SessionHistoryStore(profiles, new NioFileOps()),
                    (kind, body) -> h.journal.add(kind + " " + body), () -> h.now, RigHarness.WALL);
            h.tee = recorder::journalled;
            h.controller.noteSink(recorder);
            hangInvertedThenCut(h, "c-hist", recorder);
            // the power goes: the recorder is never closed
        }
        SessionHistoryStore after = new SessionHistoryStore(profiles, new NioFileOps());
        new SessionRecorder(after, (kind, body) -> { }, () -> 0L, RigHarness.WALL).closeLeftOpen();
        SessionRecord s = after.sessions("c-hist").sessions().get(0);
        assertTrue(s.invertedS() >= 100 - 0.05 && s.invertedS() <= BEFORE_CUT_S,
                "the time inverted kept in the history: " + s.invertedS() + " s");
        assertEquals(s.invertedS(), s.longestInvertedS(), 1e-9, "one continuous inversion");
    }

    /** (c) After a restart with nothing on the ropes: no alarm, and the cut inversion closed with its last known length. */
    @Test
    void withNothingOnTheRopesAfterTheRestartTheCutInversionIsClosedAndNothingSounds() throws Exception {
        try (RigHarness h = RigHarness.standard(2103, dir, l -> l.with(LimitSpec.INVERTED_ALARM_S, ALARM_S))) {
            hangInvertedThenCut(h, "c-gone", null);
            long cutAt = powerCut(h);
            // while the service was down, someone got the client down (the ropes carry nothing now)
            h.rig.locked(() -> {
                h.rig.physics().client(null, Exercise.NONE);
                return null;
            });
            h.rig.advanceTo(cutAt + MS);

            try (Restarted r = new Restarted(h, cutAt + MS)) {
                assertTrue(carriedShare(h, 70) < 0.05, "the ropes carry nothing: " + carriedShare(h, 70));
                r.step(ALARM_S * 1_000L);
                assertTrue(r.c.status().alarm().isEmpty(), "an alarm for nobody: " + r.c.status().alarm());
                assertEquals(0, r.c.status().invertedS(), 1e-9);
                List<String> ended = r.journal.stream().filter(j -> j.startsWith("inverted {\"event\":\"ended\"")).toList();
                assertEquals(1, ended.size(), r.journal.toString());
                JsonNode e = JSON.readTree(ended.get(0).substring("inverted ".length()));
                assertEquals("c-gone", e.path("client").asText());
                assertEquals(100, e.path("seconds").asDouble(), 0.05, "its last known length: " + e);
                assertFalse(Files.exists(h.dataDir.resolve(InversionFile.NAME)), "closed: nothing to resume next time");
            }
        }
    }

    // ------------------------------------------------------------------ the bench

    /**
     * Straps the client in with the controller's inversion file wired as the service wires it, aims at L4-L5
     * and steps until the client has hung inverted for {@link #BEFORE_CUT_S}; the file's writer and the
     * history have written what they were handed (as their threads would have by then).
     */
    private InversionFile hangInvertedThenCut(RigHarness h, String client, SessionRecorder history) throws IOException {
        InversionFile file = new InversionFile(h.dataDir.resolve(InversionFile.NAME), new NioFileOps(),
                (kind, body) -> h.journal.add(kind + " " + body));
        h.controller.inversions(file, file.load());
        h.ready(VirtualClient.reference(70, 1750), RigHarness.profile(client, 70, 1750));
        h.holdEnable(true);
        h.must(TRAINER, new Command.AimAt(SpineSegment.L4_L5));
        assertTrue(h.stepUntil(() -> h.controller.status().invertedS() >= BEFORE_CUT_S, (long) (BEFORE_CUT_S + 60) * 1_000),
                "never inverted: " + h.controller.status());
        assertTrue(h.controller.status().alarm().isEmpty(), "no alarm yet");
        file.flush();
        if (history != null) {
            history.drain();
        }
        return file;
    }

    private static double recordedS(RigHarness h) throws IOException {
        return JSON.readTree(Files.readAllBytes(h.dataDir.resolve(InversionFile.NAME))).path("invertedS").asDouble();
    }

    /** The power goes: the controller is never stepped again; the rig runs alone for {@link #DOWN_MS}. Returns the time then. */
    private static long powerCut(RigHarness h) {
        long now = h.now;
        for (long i = 0; i < DOWN_MS; i++) {
            now += MS;
            h.rig.advanceTo(now);
        }
        assertTrue(SrRig.bothBraked(h), "the node braked without its host (R-5)");
        return now;
    }

    /** What the leg ropes truly carry, as a share of the client's weight. */
    private static double carriedShare(RigHarness h, double massKg) {
        return (h.trueTensionN(SrRig.LEFT) + h.trueTensionN(SrRig.RIGHT)) / (massKg * RigHarness.G_KG);
    }

    /** The service after the cut: a fresh controller and inversion file over the same data directory and rig. */
    private static final class Restarted implements AutoCloseable {
        final List<String> journal = new ArrayList<>();
        final RigHarness h;
        final SteppedSerialLink link;
        final VirtualSafetyChainMonitor chain;
        final RigIo io;
        final RigController c;
        final InversionFile file;
        final long periodNanos;
        long now;
        /** The trainer's panel holds ENABLE (refreshed every 100 ms) and sends its heartbeat (every second). */
        boolean enableHeld;

        Restarted(RigHarness h, long startNanos) {
            this.h = h;
            this.now = startNanos;
            EventLog log = (kind, body) -> journal.add(kind + " " + body);
            link = new SteppedSerialLink((InProcessLink) h.rig.port(0));
            chain = new VirtualSafetyChainMonitor(h.rig.physics().safetyChain(), 0, () -> now);
            io = new RigIo(h.model, node -> link, LinkTiming.DEFAULTS, chain, () -> now);
            c = new RigController(h.model, io, log, h.profiles, h.preUse, RigHarness.WALL, true);
            file = new InversionFile(h.dataDir.resolve(InversionFile.NAME), new NioFileOps(), log);
            c.inversions(file, file.load());
            io.bind(c.safety(), c, () -> now);
            c.calibrations(rope -> Optional.of(h.trueCalibration(rope)));
            periodNanos = SrRig.periodMs(h) * MS;
            chain.startStepped();
            io.startStepped();
            link.open();
        }

        void step(long millis) {
            for (long i = 0; i < millis; i++) {
                now += MS;
                h.rig.advanceTo(now);
                link.pump();
                chain.step(now);
                io.step(now);
                link.pump();
                if (enableHeld && now % (100 * MS) == 0) {
                    c.decide(new Command.Enable(true), TRAINER, now);
                }
                if (enableHeld && now % (1_000 * MS) == 0) {
                    c.decide(new Command.Heartbeat(), TRAINER, now);
                }
                if (now % periodNanos == 0) {
                    c.step(now);
                    link.pump();
                    file.flush(); // the writer thread's work, on the stepped clock
                }
            }
        }

        boolean stepUntil(java.util.function.BooleanSupplier condition, long millis) {
            for (long i = 0; i < millis; i++) {
                if (condition.getAsBoolean()) {
                    return true;
                }
                step(1);
            }
            return condition.getAsBoolean();
        }

        @Override
        public void close() {
            io.close();
            chain.close();
            file.close();
        }
    }
}
