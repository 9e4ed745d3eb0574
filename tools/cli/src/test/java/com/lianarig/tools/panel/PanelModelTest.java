package com.lianarig.tools.panel;

import static com.lianarig.tools.panel.Messages.ROOT;
import static com.lianarig.tools.panel.Messages.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PanelModelTest {
    private final PanelModel model = new PanelModel(ROOT, "trainer-tablet");

    @Test
    void theSessionComesFromStatusAndTheClockIsTheNewestOfStateAndTelemetry() {
        assertEquals(-1, model.view().session());
        model.accept(ROOT + "/state", Messages.state(3, 1, 900));
        assertEquals(3, model.view().session(), "from the state until a status arrives");
        model.accept(ROOT + "/status", Messages.status(3));
        assertEquals(900, model.view().newestClockMs(), "the status of the same session keeps the clock");
        model.accept(ROOT + "/telemetry", Messages.telemetry(3, 5, 950, 0.1));
        model.accept(ROOT + "/state", Messages.state(3, 2, 940));
        assertEquals(950, model.view().newestClockMs());
    }

    @Test
    void aRestartedRigStartsAfreshAndTheOldSessionsMessagesAreIgnored() {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", Messages.state(3, 9, 90_000));
        model.accept(ROOT + "/status", Messages.status(4));
        assertNull(model.view().state());
        assertEquals(-1, model.view().newestClockMs(), "the new session's clock starts again near 0");
        model.accept(ROOT + "/telemetry", Messages.telemetry(3, 100, 95_000, 0.1));
        assertNull(model.view().telemetry(), "telemetry of the old session");
        model.accept(ROOT + "/state", Messages.state(4, 1, 300));
        assertEquals(300, model.view().newestClockMs());
        assertEquals(4, model.view().session());
    }

    @Test
    void theLastWillShowsTheRigOfflineWithItsReason() {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/status", bytes("{\"status\":\"offline\",\"session\":3,\"reason\":\"connection lost\"}"));
        assertFalse(model.view().status().online());
        assertEquals("connection lost", model.view().status().reason());
    }

    @Test
    void otherPanelsRepliesAndOtherRigsAreNotThisPanels() {
        model.accept(ROOT + "/reply/tech-laptop", bytes("{\"session\":3,\"counter\":1,\"command\":\"stop\",\"accepted\":true}"));
        model.accept("liana/v1/other/rig-9/status", Messages.status(8));
        assertNull(model.view().lastReply());
        assertNull(model.view().status());
        assertEquals(0, model.view().malformed());
    }

    @Test
    void anUnknownStatusWordIsMalformed() {
        model.accept(ROOT + "/status", bytes("{\"status\":\"sleeping\",\"session\":3}"));
        assertEquals(1, model.view().malformed());
        assertEquals("status: status.status is \"sleeping\", not online or offline", model.view().lastMalformed());
    }

    @Test
    void aRefusalStaysUntilTheNextCommandWhateverTheEnableRefreshesSay() {
        PanelModel model = new PanelModel(ROOT, "trainer-tablet");
        CapturingSink sink = new CapturingSink();
        long[] now = {0};
        Commander commander = new Commander(model, sink, "trainer-tablet", "legs", () -> now[0], 100);
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", Messages.state(3, 1, 5000));
        commander.send("rescue", com.lianarig.tools.mqtt.Json.object().put("held", true));
        long asked = commander.counter();
        model.accept(ROOT + "/reply/trainer-tablet", reply(asked, "rescue", false, "WRONG_STATE"));
        for (int i = 1; i <= 5; i++) {
            model.accept(ROOT + "/reply/trainer-tablet", reply(asked + i, "enable", true, null));
            model.accept(ROOT + "/reply/trainer-tablet", reply(asked + 10 + i, "heartbeat", true, null));
        }
        assertEquals("rescue", model.view().lastReply().command(), "the accepted enables did not overwrite it");
        assertEquals("WRONG_STATE", model.view().lastReply().reason());
        model.accept(ROOT + "/reply/trainer-tablet", reply(asked + 20, "enable", false, "STALE_ENABLE"));
        assertEquals("STALE_ENABLE", model.view().lastReply().reason(), "a refused refresh says why motion stopped");
        commander.send("reset", null);
        assertEquals(null, model.view().lastReply(), "the next command: its answer is awaited");
        assertEquals("reset", model.view().asked());
    }

    private static byte[] reply(long counter, String command, boolean accepted, String reason) {
        return Messages.bytes("{\"session\":3,\"counter\":" + counter + ",\"command\":\"" + command + "\",\"accepted\":"
                + accepted + ",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + ",\"detail\":\"d\","
                + "\"clockMs\":100}");
    }
}
