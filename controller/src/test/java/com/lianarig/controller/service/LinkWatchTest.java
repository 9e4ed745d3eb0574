package com.lianarig.controller.service;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.controller.rig.LinkDiagnostics;
import com.lianarig.hal.node.NodeCounters;
import com.lianarig.hal.node.NodeLinkState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Link trouble is journalled coalesced: one record per node per period in which it grew, none on a clean link. */
class LinkWatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String kind, String body) {
    }

    private static NodeCounters counters(long frames, long garbage, long badCrc, long lost, long reconnects) {
        return new NodeCounters(frames, garbage, 0, badCrc, 0, 0, lost, 0, 0, 0, 0, 0, 0, reconnects, 0, 0);
    }

    private static LinkDiagnostics main(NodeCounters c) {
        return new LinkDiagnostics("main", 1, "VR-0001", NodeLinkState.READY, c);
    }

    @Test
    void aCleanLinkWritesNothingAndNoiseIsOneRecordPerPeriodWithWhatGrew() throws Exception {
        AtomicReference<NodeCounters> now = new AtomicReference<>(counters(1_000, 0, 0, 0, 0));
        List<Entry> journal = new ArrayList<>();
        LinkWatch watch = new LinkWatch(() -> List.of(main(now.get())), (k, b) -> journal.add(new Entry(k, b)));

        watch.check();
        now.set(counters(50_000, 0, 0, 0, 0)); // frames flow: no trouble
        watch.check();
        assertEquals(List.of(), journal, "a clean link is not journalled");

        now.set(counters(60_000, 1_200, 37, 5, 0)); // a burst of noise: 1,200 bytes, 37 CRCs, 5 frames lost
        watch.check();
        watch.check(); // nothing more since
        assertEquals(1, journal.size(), journal.toString());
        assertEquals("link", journal.get(0).kind());
        JsonNode body = JSON.readTree(journal.get(0).body());
        assertAll(
                () -> assertEquals("main", body.get("node").asText()),
                () -> assertEquals("READY", body.get("state").asText()),
                () -> assertEquals(LinkWatch.PERIOD_S, body.get("periodS").asLong()),
                () -> assertEquals(1_200, body.get("garbageBytes").asLong()),
                () -> assertEquals(37, body.get("badCrc").asLong()),
                () -> assertEquals(5, body.get("lostFrames").asLong()),
                () -> assertEquals(0, body.get("reconnects").asLong()));

        now.set(counters(70_000, 1_210, 37, 5, 1)); // a reconnect, 10 more bytes
        watch.check();
        JsonNode second = JSON.readTree(journal.get(1).body());
        assertAll(
                () -> assertEquals(2, journal.size()),
                () -> assertEquals(10, second.get("garbageBytes").asLong(), "what grew since the last record"),
                () -> assertEquals(0, second.get("badCrc").asLong()),
                () -> assertEquals(1, second.get("reconnects").asLong()),
                () -> assertTrue(second.get("frames").asLong() > 0));
    }
}
