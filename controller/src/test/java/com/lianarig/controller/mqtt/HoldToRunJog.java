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
        panel.command(topics, panelId, session, counter, "\"command\":\"enable\",\"held\":true,\"clockMs\":"
                + panel.latestClockMs(topics));
        var jog = panel.command(topics, panelId, session, counter,
                "\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"up\"");
        assertTrue(jog.get("accepted").asBoolean(), jog.toString());
        long until = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < until) {
            panel.publish(topics.command(panelId), "{\"session\":" + session + ",\"counter\":" + counter.incrementAndGet()
                    + ",\"command\":\"enable\",\"held\":true,\"clockMs\":" + panel.latestClockMs(topics) + "}");
            Thread.sleep(100);
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
