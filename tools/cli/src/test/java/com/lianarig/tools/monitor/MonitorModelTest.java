package com.lianarig.tools.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorModelTest {
    private static final String RIG = "liana/v1/s/rig-1";
    private final MonitorModel model = new MonitorModel(3);

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void status(String root, boolean online, long session) {
        model.accept(root + "/status", bytes("{\"status\":\"" + (online ? "online" : "offline") + "\",\"session\":" + session
                + (online ? "" : ",\"reason\":\"connection lost\"") + "}"), 0);
    }

    private void telemetry(long session, long seq, long clockMs, long nowMs) {
        model.accept(RIG + "/telemetry", bytes("{\"session\":" + session + ",\"seq\":" + seq + ",\"clockMs\":" + clockMs
                + ",\"ropes\":[]}"), nowMs);
    }

    private RigWatch rig(long nowMs) {
        return model.rigs(nowMs).get(0);
    }

    @Test
    void aRootIsARigOnceItHasAStatus() {
        telemetry(1, 1, 0, 0);
        assertTrue(model.rigs(0).isEmpty());
        status(RIG, true, 1);
        assertEquals(List.of(RIG), model.rigs(0).stream().map(RigWatch::root).toList());
        model.accept("liana/v1/s/rig-1/cmd/trainer-tablet", bytes("{}"), 0);
        model.accept("other/thing", bytes("x"), 0);
        assertEquals(1, model.rigs(0).size());
    }

    @Test
    void sequenceGapsAreCountedAndTheRateComesFromTheRigsClock() {
        status(RIG, true, 1);
        telemetry(1, 10, 1000, 0);
        telemetry(1, 11, 1050, 5);
        telemetry(1, 14, 1200, 300); // 12 and 13 missing
        RigWatch watch = rig(300);
        assertEquals(2, watch.missingTelemetry());
        assertEquals(50.0, watch.telemetryPeriodMs(), 1e-9);
        telemetry(1, 13, 1150, 310); // late: older than what is shown
        assertEquals(14, rig(310).telemetry().seq());
    }

    @Test
    void staleAfterThreePeriodsWithoutTelemetry() {
        status(RIG, true, 1);
        telemetry(1, 1, 0, 1000);
        telemetry(1, 2, 50, 1050);
        assertFalse(rig(1200).stale());
        assertTrue(rig(1201).stale());
    }

    @Test
    void aNewSessionStartsTheCountsAfresh() {
        status(RIG, true, 1);
        telemetry(1, 1, 0, 0);
        telemetry(1, 5, 200, 10);
        status(RIG, true, 2);
        assertNull(rig(10).telemetry());
        telemetry(2, 1, 0, 20);
        assertEquals(0, rig(20).missingTelemetry());
    }

    @Test
    void anOfflineRigIsNotStaleAndKeepsTheNewestEvents() {
        status(RIG, true, 1);
        for (int seq = 1; seq <= 5; seq++) {
            model.accept(RIG + "/events", bytes("{\"session\":1,\"seq\":" + seq + ",\"recordSession\":1,\"wallMs\":0,"
                    + "\"kind\":\"command\",\"body\":{\"n\":" + seq + "}}"), 0);
        }
        status(RIG, false, 1);
        RigWatch watch = rig(100_000);
        assertFalse(watch.status().online());
        assertFalse(watch.stale());
        assertEquals(List.of(3L, 4L, 5L), watch.events().stream().map(e -> e.seq()).toList());
        assertEquals("{\"n\":5}", watch.events().get(2).body());
    }

    @Test
    void malformedPayloadsAreCounted() {
        status(RIG, true, 1);
        model.accept(RIG + "/state", bytes("[1,2]"), 0);
        model.accept(RIG + "/telemetry", bytes("{\"session\":\"one\"}"), 0);
        assertEquals(2, rig(0).malformed());
    }
}
