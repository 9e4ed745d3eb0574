package com.lianarig.controller.history;

import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.journal.Journal;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.MqttInterface;
import com.lianarig.controller.mqtt.MqttSchemas;
import com.lianarig.controller.mqtt.RigPort;
import com.lianarig.sim.physics.VirtualClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC section 5: each client's session history (the date, the segments aimed and their heights, the
 * program's holds, the stops and why, the trainer's note) is kept with the profiles and survives a power
 * cut: the whole controller on the virtual rig, its journal tapped by the {@link SessionRecorder} as the
 * service wires it, and then a second recorder over the same directory, as the service after a restart.
 */
@Timeout(300)
class SessionHistoryTest {
    private static final String NOTE = "pain at L5, stopped";

    @TempDir
    Path dir;

    @Test
    void aSessionWithItsAimHoldsStopAndTheTrainersNoteSurvivesAPowerCut() throws Exception {
        Path profiles = dir.resolve("profiles");
        SessionRecorder first;
        try (RigHarness h = RigHarness.standard(51, dir)) {
            first = new SessionRecorder(new SessionHistoryStore(profiles, new NioFileOps()),
                    (kind, body) -> h.journal.add(kind + " " + body), () -> h.now, RigHarness.WALL);
            h.tee = first::journalled;
            h.controller.noteSink(first);

            h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c51", 70, 1750));
            h.holdEnable(true);
            h.must(TRAINER, new Command.ProgramStart(SpineSegment.L4_L5, ""));
            assertTrue(h.stepUntil(() -> h.controller.status().program().map(p -> p.phase().equals("holding"))
                    .orElse(false), 60_000), "the program never held: " + h.controller.status());
            h.step(1_000);
            h.must(TRAINER, new Command.Stop());
            h.step(500);
            Decision noted = h.must(TRAINER, new Command.Note(NOTE));
            assertFalse(noted.toString().contains("pain"), "the decision (journalled, published) carries no note: "
                    + noted);
            first.drain();

            SessionRecorder.View view = first.view();
            assertEquals("c51", view.clientId());
            SessionRecord open = view.sessions().get(view.sessions().size() - 1);
            assertTrue(open.isOpen());
            assertEquals(List.of(NOTE), open.notes().stream().map(SessionRecord.Note::text).toList());
            assertTrue(h.journal.stream().noneMatch(r -> r.contains("pain")),
                    "a note is personal data: never in the journal, whose records studio systems read");
            // the power goes: no detach, no "service stop", the recorder is never closed
        }

        SessionHistoryStore after = new SessionHistoryStore(profiles, new NioFileOps());
        SessionRecorder second = new SessionRecorder(after, (kind, body) -> { }, () -> 0L, RigHarness.WALL);
        second.closeLeftOpen();
        SessionHistoryStore.Loaded read = after.sessions("c51");
        assertEquals(List.of(), read.problems());
        assertEquals(1, read.sessions().size(), read.sessions().toString());
        SessionRecord s = read.sessions().get(0);
        assertEquals(RigHarness.WALL.instant(), s.startedAt(), "the date");
        assertEquals(SessionRecorder.LEFT_OPEN, s.ended().orElseThrow().why(), "closed at the next start");
        assertTrue(s.aims().stream().anyMatch(a -> a.segment() == SpineSegment.L4_L5 && a.heightMm() > 0),
                "the segment aimed and its height: " + s.aims());
        SessionRecord.Hold hold = s.holds().get(0);
        assertEquals(SpineSegment.L4_L5, hold.segment());
        assertEquals(1, hold.repetition());
        assertTrue(hold.heldS() > 0.9 && hold.heldS() <= hold.holdS(), "held until the STOP: " + hold);
        assertTrue(Double.isFinite(hold.strapHeightMm()), "the strap height of the hold: " + hold);
        assertEquals(List.of("program ended: STOP from trainer-tablet"), s.stops().stream().map(SessionRecord.Stop::why)
                .toList(), "the stop and why, once (the program's end and the stop are one STOP)");
        SessionRecord.Note note = s.notes().get(0);
        assertEquals(NOTE, note.text());
        assertEquals(TRAINER.panelId(), note.panel());
        try (Stream<Path> files = Files.walk(profiles.resolve("history"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "no half-written file left");
        }
    }

    @Test
    void aNoteNeedsAnAttachedClientAndARigThatKeepsAHistory() throws Exception {
        try (RigHarness h = RigHarness.standard(52, dir)) {
            h.boot();
            h.must(TRAINER, new Command.TakeControl());
            Decision noSink = h.decide(TRAINER, new Command.Note(NOTE));
            assertEquals(Refusal.WRONG_STATE, noSink.refusal(), noSink.toString());
            SessionRecorder recorder = new SessionRecorder(new SessionHistoryStore(dir.resolve("profiles"),
                    new NioFileOps()), (kind, body) -> { }, () -> h.now, RigHarness.WALL);
            h.controller.noteSink(recorder);
            Decision noClient = h.decide(TRAINER, new Command.Note(NOTE));
            assertEquals(Refusal.NO_CLIENT, noClient.refusal(), noClient.toString());
            assertFalse(noClient.toString().contains("pain"));
        }
    }

    /**
     * The panels see the attached client's history on {@code R/panel/history} (retained, QoS 1, valid to its
     * schema) as it changes, with the note; once the client is strapped out an empty history replaces it.
     * Never on the journal's {@code R/events}: the note's text appears on no other topic.
     */
    @Test
    void thePanelsSeeTheAttachedClientsHistoryWithTheNoteAndNothingElseCarriesIt() throws Exception {
        String root = "liana/v1/test-studio/rig-1";
        ObjectMapper json = new ObjectMapper();
        try (RigHarness h = RigHarness.standard(53, dir);
                Journal journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20),
                        System::currentTimeMillis, System::nanoTime)) {
            SessionRecorder recorder = new SessionRecorder(new SessionHistoryStore(dir.resolve("profiles"),
                    new NioFileOps()), journal::append, () -> h.now, RigHarness.WALL);
            h.tee = recorder.tap(journal::append);
            h.controller.noteSink(recorder);
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            try (EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"))) {
                MqttInterface mqtt = new MqttInterface(new MqttConfig(BrokerMode.EMBEDDED, "127.0.0.1", port,
                        Optional.empty(), Optional.empty(), Optional.empty(), root, 20, "rig-under-test"),
                        List.of(new PanelConfig("trainer-tablet", PanelRole.TRAINER)), h.model, RigPort.of(h.controller),
                        journal, journal::append, Optional.empty(), Optional.empty(), () -> h.now, h.now, "test");
                mqtt.panelHistory(recorder::view);
                LinkedBlockingQueue<String[]> seen = new LinkedBlockingQueue<>();
                MqttClient panel = new MqttClient(broker.uri(), "panel", new MemoryPersistence());
                panel.connect(new MqttConnectOptions());
                panel.subscribe(root + "/#", 1, (topic, m) -> seen.add(new String[] {topic,
                        new String(m.getPayload(), StandardCharsets.UTF_8), Integer.toString(m.getQos())}));
                mqtt.start();
                try {
                    h.ready(VirtualClient.reference(70, 1750), RigHarness.profile("c53", 70, 1750));
                    h.must(TRAINER, new Command.Note(NOTE));
                    recorder.drain();
                    JsonNode history = null;
                    List<String> others = new java.util.ArrayList<>();
                    long deadline = System.currentTimeMillis() + 10_000;
                    while (history == null && System.currentTimeMillis() < deadline) {
                        String[] m = seen.poll(100, TimeUnit.MILLISECONDS);
                        if (m == null) {
                            continue;
                        }
                        if (m[0].equals(root + "/panel/history") && m[1].contains(NOTE)) {
                            MqttSchemas.assertValid(MqttSchemas.Kind.PANEL_HISTORY, m[1]);
                            assertEquals("1", m[2], "QoS 1");
                            history = json.readTree(m[1]);
                        } else {
                            others.add(m[0] + " " + m[1]);
                        }
                    }
                    assertTrue(history != null, "no history with the note on panel/history; seen " + others);
                    assertEquals("c53", history.path("client").asText());
                    JsonNode last = history.path("sessions").get(history.path("sessions").size() - 1);
                    assertEquals(NOTE, last.path("notes").get(0).path("text").asText(), history.toString());

                    h.must(TRAINER, new Command.Detach()); // READY -> ATTACHING: strapping out
                    h.must(TRAINER, new Command.Detach()); // the client is let go
                    recorder.drain();
                    JsonNode empty = null;
                    deadline = System.currentTimeMillis() + 10_000;
                    while (empty == null && System.currentTimeMillis() < deadline) {
                        String[] m = seen.poll(100, TimeUnit.MILLISECONDS);
                        if (m == null) {
                            continue;
                        }
                        if (m[0].equals(root + "/panel/history") && json.readTree(m[1]).path("client").isNull()) {
                            MqttSchemas.assertValid(MqttSchemas.Kind.PANEL_HISTORY, m[1]);
                            empty = json.readTree(m[1]);
                        } else {
                            others.add(m[0] + " " + m[1]);
                        }
                    }
                    assertTrue(empty != null && empty.path("sessions").isEmpty(), "strapped out: an empty history "
                            + "replaces the client's; seen " + others);
                    assertTrue(others.stream().noneMatch(o -> o.contains("pain")),
                            "the note is on no other topic: " + others);
                } finally {
                    panel.disconnect();
                    panel.close();
                    mqtt.close();
                    recorder.close();
                }
            }
        }
    }
}
