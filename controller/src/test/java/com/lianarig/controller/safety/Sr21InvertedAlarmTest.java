package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TRAINER;
import static com.lianarig.controller.safety.AlarmRig.BUZZER_PIN;
import static com.lianarig.controller.safety.AlarmRig.LIGHT_PIN;
import static com.lianarig.controller.safety.AlarmRig.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.SpineSegment;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.core.AlarmLevel;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.hal.Pendant;
import com.lianarig.sim.hal.VirtualPendant;
import com.lianarig.sim.physics.VirtualClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-21: a client inverted too long, alone. After the configured time inverted an alarm sounds at the rig
 * (buzzer, status light) and on every panel (the state tells them to sound and vibrate), and studio systems
 * get a QoS 1 event; unacknowledged for the escalation time (60 s) it escalates to a continuous tone and a
 * "client alone inverted" event; someone acknowledging it silences it. The trainer decides: nothing moves.
 *
 * <p>Judged on what a person at the rig would hear and see (the buzzer's and the light's pins on Pi4J's mock
 * platform, on the harness's stepped clock), on what is published (a studio system watching the embedded
 * broker), and on the rig's true state (nothing moved).
 */
@Timeout(600)
class Sr21InvertedAlarmTest {
    /** The shortest alarm time the rig file allows, s. */
    private static final int ALARM_S = 30;
    /** The default escalation time, s. */
    private static final int ESCALATION_S = 60;

    @TempDir
    Path dir;

    /**
     * Issue 14: "a trainer who walked away mid-program left the client inverted indefinitely; SR-21 was a
     * journal line; the buzzer and status light in the rig file are never driven by the service."
     */
    @Test
    void aTrainerWhoWalksAwayMidProgramIsCalledBackByTheRigThenItEscalatesAndNothingMoves() throws Exception {
        try (AlarmRig r = new AlarmRig(dir, 21, ALARM_S)) {
            RigHarness h = r.h;
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c21", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.ProgramStart(SpineSegment.L4_L5, ""));
            assertTrue(h.stepUntil(() -> h.controller.status().program().map(p -> p.phase().equals("holding"))
                    .orElse(false), 60_000), "the program never held: " + h.controller.status());
            // the trainer walks away: the panel goes quiet, the program pauses with the client up in the straps
            h.stopRefreshingEnable();
            assertTrue(h.stepUntil(() -> h.controller.status().program().map(p -> p.phase().equals("paused"))
                    .orElse(false), 2_000), h.controller.status().toString());
            h.step(1_000);
            assertTrue(h.controller.status().invertedS() > 0, "inverted");
            double[] restingMm = {h.truePositionMm(0), h.truePositionMm(1)};
            h.everyStep(x -> {
                for (int w = 0; w < 2; w++) {
                    if (Math.abs(x.truePositionMm(w) - restingMm[w]) > 0.5) {
                        throw new AssertionError("the legs moved by themselves: winch " + w + " at "
                                + x.truePositionMm(w) + " mm, left at " + restingMm[w] + " mm");
                    }
                }
            });
            List<Integer> slow = AlarmRig.innerRuns(r.wave(LIGHT_PIN, 2_500, 50));
            assertTrue(slow.size() >= 3 && slow.stream().allMatch(n -> n == 10),
                    "before the alarm: the light shows the program's slow blink (1 Hz): " + slow);
            assertFalse(r.on(BUZZER_PIN), "before the alarm: silence");

            assertTrue(h.stepUntil(() -> h.controller.status().alarm().isPresent(), (ALARM_S + 5) * 1_000L),
                    "no alarm after " + h.controller.status().invertedS() + " s inverted");
            long raisedAt = h.now;
            assertTrue(h.controller.status().invertedS() >= ALARM_S && h.controller.status().invertedS() < ALARM_S + 0.1,
                    "raised at the alarm time: " + h.controller.status().invertedS());

            // at the rig: the buzzer beeps (intermittent, 1 Hz), the light flashes fast (4 Hz)
            h.step(60); // the signals thread's next look, then a whole blink
            String buzzer = r.wave(BUZZER_PIN, 3_000, 50);
            List<Integer> beeps = AlarmRig.innerRuns(buzzer);
            assertTrue(beeps.size() >= 4 && beeps.stream().allMatch(n -> n == 10), "the buzzer's 500 ms beeps: " + buzzer);
            String light = r.wave(LIGHT_PIN, 1_000, 25);
            assertTrue(AlarmRig.innerRuns(light).stream().allMatch(n -> n == 5) && AlarmRig.innerRuns(light).size() >= 6,
                    "the light's 125 ms flashes: " + light);
            // on every panel: sound and vibration; for studio systems: a QoS 1 event
            JsonNode alarm = r.awaitStateAlarm("alarm").json().path("alarm");
            assertEquals("intermittent", alarm.path("sound").asText(), alarm.toString());
            assertTrue(alarm.path("vibrate").asBoolean(), alarm.toString());
            assertEquals("c21", alarm.path("client").asText());
            AlarmRig.Msg raised = r.awaitAlarmEvent("alarm");
            assertEquals(1, raised.qos(), "the event for studio systems is QoS 1");
            assertEquals("SR-21", raised.json().path("body").path("rule").asText());

            // unacknowledged: the escalation comes at 60 s, not before
            h.step((raisedAt - h.now) / MS + ESCALATION_S * 1_000L - 20);
            assertEquals(AlarmLevel.ALARM, level(h), "not before 60 s");
            h.step(40);
            assertEquals(AlarmLevel.ESCALATED, level(h), "escalated 60 s after the alarm");
            h.step(60);
            assertEquals("####################", r.wave(BUZZER_PIN, 2_000, 100), "a continuous tone");
            JsonNode escalated = r.awaitStateAlarm("escalated").json().path("alarm");
            assertEquals("continuous", escalated.path("sound").asText());
            AlarmRig.Msg alone = r.awaitAlarmEvent("escalated");
            assertEquals(1, alone.qos());
            assertTrue(alone.json().path("body").path("what").asText().startsWith("client alone inverted"),
                    alone.json().toString());

            // the trainer decides: nothing stopped, nothing latched, the program waits paused where it was
            RigStatus s = h.controller.status();
            assertEquals(Mode.PROGRAM, s.mode(), s.modeReason());
            assertTrue(s.faults().isEmpty(), s.faults().toString());
            assertTrue(h.trueBrakesEngaged(0) && h.trueBrakesEngaged(1), "held on the brakes");
        }
    }

    @Test
    void anyPanelOrThePendantAcknowledgesItTheSoundStopsAndItIsRaisedAgainOneAlarmTimeLater() throws Exception {
        try (AlarmRig r = new AlarmRig(dir, 22, ALARM_S)) {
            RigHarness h = r.h;
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c22", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.controller.status().alarm().isPresent(), (ALARM_S + 40) * 1_000L),
                    "no alarm: " + h.controller.status());
            h.holdEnable(false);
            h.step(5_000);
            assertEquals(AlarmLevel.ALARM, level(h));

            // the technician's laptop, not in command, acknowledges over MQTT: a person attends
            long sent = r.send("tech-laptop", "\"command\":\"acknowledge-alarm\"");
            long deadline = System.currentTimeMillis() + 5_000;
            while (level(h) != AlarmLevel.ACKNOWLEDGED && System.currentTimeMillis() < deadline) {
                h.step(1); // the controller decides it at the step after it arrives: its time, to the millisecond
                Thread.sleep(0, 200_000);
            }
            long acknowledgedAt = h.now;
            JsonNode reply = r.reply("tech-laptop", sent);
            assertTrue(reply.path("accepted").asBoolean(), reply.toString());
            assertEquals(AlarmLevel.ACKNOWLEDGED, level(h));
            assertEquals(Optional.of("tech-laptop"), h.controller.status().alarm().orElseThrow().acknowledgedBy());
            h.step(100);
            assertEquals("..........", r.wave(BUZZER_PIN, 1_000, 100), "silenced; " + h.controller.status());
            assertEquals("##########", r.wave(LIGHT_PIN, 1_000, 100), "the light shows the state again (READY: on)");
            JsonNode state = r.awaitStateAlarm("acknowledged").json().path("alarm");
            assertEquals("none", state.path("sound").asText());
            assertFalse(state.path("vibrate").asBoolean());
            assertEquals("tech-laptop", r.awaitAlarmEvent("acknowledged").json().path("body").path("by").asText());

            // no escalation while acknowledged; raised again one alarm time after the acknowledgement
            h.step((acknowledgedAt - h.now) / MS + ALARM_S * 1_000L - 20);
            assertEquals(AlarmLevel.ACKNOWLEDGED, level(h), "acknowledged: no escalation, no new alarm yet");
            assertTrue(h.stepUntil(() -> level(h) == AlarmLevel.ALARM, 100), "raised again after another "
                    + ALARM_S + " s inverted");
            h.step(100);
            assertTrue(r.wave(BUZZER_PIN, 2_000, 50).contains("#"), "sounding again");

            // the pendant at the rig: ENABLE pressed says a person is there
            VirtualPendant pendant = new VirtualPendant(() -> h.now);
            try (com.lianarig.controller.service.PendantBridge bridge = new com.lianarig.controller.service.PendantBridge(
                    pendant, h.controller, "legs")) {
                pendant.press(Pendant.Button.ENABLE);
                long pressDeadline = System.currentTimeMillis() + 5_000;
                while (level(h) != AlarmLevel.ACKNOWLEDGED && System.currentTimeMillis() < pressDeadline) {
                    h.step(10);
                    Thread.sleep(1);
                }
                assertEquals(AlarmLevel.ACKNOWLEDGED, level(h), "the pendant's ENABLE acknowledges");
                assertEquals(Optional.of("pendant"), h.controller.status().alarm().orElseThrow().acknowledgedBy());
                pendant.release(Pendant.Button.ENABLE);
                long releaseDeadline = System.currentTimeMillis() + 5_000;
                while (h.controller.status().controlOwner().isPresent() && System.currentTimeMillis() < releaseDeadline) {
                    h.step(10); // SR-24: the pendant took command with ENABLE and gives it back when let go
                    Thread.sleep(1);
                }
            }

            // lowered out of the hang: the alarm is over
            h.must(TRAINER, new Command.TakeControl());
            h.holdEnable(true);
            h.must(TRAINER, new Command.MoveTo("legs", 220));
            assertTrue(h.stepUntil(() -> h.controller.status().alarm().isEmpty(), 60_000), "alarm stays after lowering");
            r.awaitAlarmEvent("cleared");
            r.awaitStateAlarm("none");
        }
    }

    @Test
    void aLoadThatCannotBeMeasuredIsNoLoweredClientTheAlarmStays() throws Exception {
        try (AlarmRig r = new AlarmRig(dir, 23, ALARM_S)) {
            RigHarness h = r.h;
            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c23", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.AimAt(SpineSegment.L4_L5));
            assertTrue(h.stepUntil(() -> h.controller.status().alarm().isPresent(), (ALARM_S + 40) * 1_000L),
                    "no alarm: " + h.controller.status());
            h.holdEnable(false);
            double before = h.controller.status().invertedS();
            // the node's line to the host is pulled: no loads (NaN), a fault; the client still hangs in the straps
            h.rig.locked(() -> {
                h.rig.port(0).toHostFaults().unplugged(true);
                return null;
            });
            h.step(3_000);
            RigStatus s = h.controller.status();
            assertTrue(Double.isNaN(s.liveShare()), "the share is unknown: " + s.liveShare());
            assertTrue(s.alarm().isPresent(), "a client stuck in the air is who the alarm is for: " + s);
            assertTrue(s.invertedS() > before + 2.5, "the time inverted goes on: " + s.invertedS());
            h.step(100);
            assertTrue(r.wave(BUZZER_PIN, 2_000, 50).contains("#"), "still sounding");
        }
    }

    private static AlarmLevel level(RigHarness h) {
        return h.controller.status().alarm().map(RigStatus.Alarm::level).orElse(null);
    }
}
