package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The hold-to-run scenario both broker tests run (SR-10 over MQTT): a panel in command enables and
 * jogs the legs up, refreshes its enable every 100 ms for 1.5 s (the legs must rise), then stops
 * refreshing as a crashed or disconnected panel would (the rig must come to rest with its brakes on).
 */
final class HoldToRunJog {
    private HoldToRunJog() {
    }

    static void run(TestClient panel, Topics topics, String panelId, long session, AtomicLong counter, LiveRig rig)
            throws Exception {
        assertTrue(panel.command(topics, panelId, session, counter, "\"command\":\"take-control\"").get("accepted")
                .asBoolean());
        double startMm = rig.locked(() -> rig.h.truePositionMm(0));
        panel.latestClockMs(topics); // telemetry flows
        // like a handheld: the enable is refreshed every 100 ms from the press on, beside the jog command
        java.util.concurrent.atomic.AtomicBoolean held = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread refresher = new Thread(() -> {
            while (held.get()) {
                try {
                    synchronized (counter) {
                        panel.publish(topics.command(panelId), "{\"session\":" + session + ",\"counter\":"
                                + counter.incrementAndGet() + ",\"command\":\"enable\",\"held\":true,\"clockMs\":"
                                + panel.newestClockMs + "}");
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    return;
                }
            }
        }, "panel-enable");
        refresher.start();
        try {
            Thread.sleep(300);
            var jog = panel.command(topics, panelId, session, counter,
                    "\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"up\"");
            assertTrue(jog.get("accepted").asBoolean(), () -> jog + "; journal tail: " + rig.locked(
                    () -> rig.h.journal.subList(Math.max(0, rig.h.journal.size() - 30), rig.h.journal.size())));
            Thread.sleep(1_500);
        } finally {
            held.set(false); // stops refreshing without letting go: a crashed or disconnected panel
            refresher.join();
        }
        double movedMm = rig.locked(() -> rig.h.truePositionMm(0)) - startMm;
        assertTrue(movedMm > 5, "the legs went up while the enable was refreshed: " + movedMm + " mm");
        Thread.sleep(1_500);
        double a = rig.locked(() -> rig.h.truePositionMm(0));
        Thread.sleep(500);
        assertEquals(a, rig.locked(() -> rig.h.truePositionMm(0)), 0.2, "at rest once the enable stopped");
        assertTrue(rig.locked(() -> rig.h.trueBrakesEngaged(0)), "brakes engaged");
    }
}
