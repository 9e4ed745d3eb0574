package com.lianarig.tools.panel;

import static com.lianarig.tools.panel.Messages.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommanderTest {
    private final AtomicLong nowMs = new AtomicLong(10_000);
    private final PanelModel model = new PanelModel(ROOT, "trainer-tablet");
    private final CapturingSink sink = new CapturingSink();
    private final Commander commander = new Commander(model, sink, "trainer-tablet", "legs", nowMs::get, 500);

    private void rigAt(long session, long clockMs) {
        model.accept(ROOT + "/status", Messages.status(session));
        model.accept(ROOT + "/state", Messages.state(session, 1, clockMs));
    }

    @Test
    void commandsCarryTheSessionAndStrictlyIncreasingCountersOnThePanelsTopicOnly() {
        rigAt(3, 1000);
        commander.send("take-control", null);
        commander.send("aim", com.lianarig.tools.mqtt.Json.object().put("segment", "L4-L5"));
        commander.send("client-ready", null);
        assertEquals(List.of("take-control", "aim", "client-ready"), sink.commands());
        long previous = 0;
        for (CapturingSink.Sent sent : sink.sent) {
            assertEquals(ROOT + "/cmd/trainer-tablet", sent.topic());
            assertEquals(3, sent.json().get("session").asLong());
            long counter = sent.json().get("counter").asLong();
            assertTrue(counter > previous, "counter " + counter + " after " + previous);
            previous = counter;
        }
        assertEquals(500, sink.sent.get(0).json().get("counter").asLong(), "starts at the given counter");
        assertEquals("L4-L5", sink.sent.get(1).json().get("segment").asText());
        assertEquals(List.of("session", "counter", "command", "segment"),
                iterable(sink.sent.get(1).json().fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    @Test
    void theSessionFollowsARestartedRig() {
        rigAt(3, 1000);
        commander.send("take-control", null);
        rigAt(4, 50);
        commander.send("take-control", null);
        assertEquals(4, sink.last().json().get("session").asLong());
    }

    @Test
    void nothingButStopIsSentBeforeTheRigsSessionIsKnown() {
        String words = commander.send("take-control", null);
        assertTrue(sink.sent.isEmpty());
        assertTrue(words.contains("no rig session"), words);
        commander.stop();
        assertEquals("stop", sink.last().command());
        assertEquals(0, sink.last().json().get("session").asLong(), "a stale stop is still acted on");
    }

    @Test
    void aHoldSendsEnableThenJogAndRefreshesTheEnableEvery100MsWithTheNewestClock() {
        rigAt(3, 1000);
        commander.startHold(Hold.JOG_UP);
        assertEquals(List.of("enable", "jog"), sink.commands());
        assertTrue(sink.sent.get(0).json().get("held").asBoolean());
        assertEquals(1000, sink.sent.get(0).json().get("clockMs").asLong());
        assertEquals("legs", sink.sent.get(1).json().get("group").asText());
        assertEquals("up", sink.sent.get(1).json().get("direction").asText());

        nowMs.addAndGet(99);
        commander.tick();
        assertEquals(2, sink.sent.size(), "no refresh before 100 ms");
        model.accept(ROOT + "/telemetry", Messages.telemetry(3, 7, 1098, 0.2));
        model.accept(ROOT + "/state", Messages.state(3, 2, 1050)); // an older clock arriving later
        nowMs.addAndGet(1);
        commander.tick();
        assertEquals(3, sink.sent.size());
        assertEquals("enable", sink.last().command());
        assertTrue(sink.last().json().get("held").asBoolean());
        assertEquals(1098, sink.last().json().get("clockMs").asLong(), "the newest clock seen, not the latest message's");
        for (int i = 0; i < 10; i++) {
            nowMs.addAndGet(50);
            commander.tick();
        }
        assertEquals(3 + 5, sink.sent.size(), "one refresh per 100 ms");
    }

    @Test
    void releaseSendsEnableNotHeldThenJogNone() {
        rigAt(3, 1000);
        commander.startHold(Hold.JOG_DOWN);
        commander.release();
        assertEquals(List.of("enable", "jog", "enable", "jog"), sink.commands());
        CapturingSink.Sent enable = sink.sent.get(2);
        assertFalse(enable.json().get("held").asBoolean());
        assertFalse(enable.json().has("clockMs"));
        assertEquals("none", sink.last().json().get("direction").asText());
        assertNull(commander.holding());
        nowMs.addAndGet(500);
        commander.tick();
        assertEquals(4, sink.sent.size(), "no refresh after the release");
    }

    @Test
    void rescueIsHeldAndLetGo() {
        rigAt(3, 1000);
        commander.startHold(Hold.RESCUE);
        commander.release();
        assertEquals(List.of("enable", "rescue", "enable", "rescue"), sink.commands());
        assertTrue(sink.sent.get(1).json().get("held").asBoolean());
        assertFalse(sink.last().json().get("held").asBoolean());
    }

    @Test
    void stopDuringAHoldGoesFirstAndEndsTheHold() {
        rigAt(3, 1000);
        commander.startHold(Hold.JOG_UP);
        commander.stop();
        assertEquals(List.of("enable", "jog", "stop", "enable", "jog"), sink.commands());
        assertNull(commander.holding());
    }

    @Test
    void aHoldNeedsTheRigsClockFirst() {
        model.accept(ROOT + "/status", Messages.status(3));
        String words = commander.startHold(Hold.ENABLE);
        assertTrue(sink.sent.isEmpty());
        assertNull(commander.holding());
        assertTrue(words.contains("no state or telemetry"), words);
    }

    @Test
    void aCommandThatCannotGoIsReportedAndNotRetried() {
        rigAt(3, 1000);
        sink.connected = false;
        String words = commander.send("reset", null);
        assertTrue(words.startsWith("not sent"), words);
        sink.connected = true;
        commander.tick();
        assertTrue(sink.sent.isEmpty());
    }

    @Test
    void theHeartbeatGoesOutEverySecondOnceTheRigsSessionIsKnown() {
        commander.tick();
        assertTrue(sink.heartbeats.isEmpty(), "no session yet: nothing to say it to");
        rigAt(3, 1000);
        commander.tick();
        assertEquals(1, sink.heartbeats.size());
        for (int i = 0; i < 30; i++) {
            nowMs.addAndGet(100);
            commander.tick();
        }
        assertEquals(4, sink.heartbeats.size(), "SR-24: one a second");
        CapturingSink.Sent beat = sink.heartbeats.get(3);
        assertEquals(3, beat.json().get("session").asLong());
        assertEquals(List.of("session", "counter", "command"), iterable(beat.json().fieldNames()));
    }
}
