package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bus noise journalled as evidence, coalesced: one record per sender and kind per interval (issue 20). */
class BusNoiseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<String> records = new ArrayList<>();
    private final BusNoise noise = new BusNoise((kind, body) -> {
        assertEquals(BusNoise.JOURNAL_KIND, kind);
        records.add(body);
    });

    @Test
    void tenThousandMessagesFromOneSenderAreOneRecordPerKindAndInterval() throws Exception {
        long t = 0;
        for (int i = 0; i < 10_000; i++) {
            noise.count("tech-laptop", BusNoise.Kind.REJECTED, i % 2 == 0 ? "DUPLICATE" : "STALE_SESSION",
                    "replay " + i, i < 10, t + i * 100_000L);
            noise.flush(t + i * 100_000L, false);
        }
        noise.flush(2_000_000_000L, true);
        assertEquals(1, records.size(), records.toString());
        JsonNode r = JSON.readTree(records.get(0));
        assertEquals("tech-laptop", r.get("sender").asText());
        assertEquals("rejected", r.get("noise").asText());
        assertEquals(10_000, r.get("count").asInt());
        assertEquals(9_990, r.get("unanswered").asInt());
        assertEquals(5_000, r.get("reasons").get("DUPLICATE").asInt());
        assertEquals("replay 0", r.get("example").asText());
    }

    @Test
    void aFloodOfMadeUpSendersIsSummedUnderOthers() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            noise.count("intruder-" + i, BusNoise.Kind.IGNORED, null, "not a panel", false, i);
        }
        noise.flush(BusNoise.INTERVAL_NANOS + 1, false);
        assertEquals(BusNoise.MAX_SENDERS + 1, records.size());
        JsonNode others = JSON.readTree(records.get(records.size() - 1));
        assertEquals(BusNoise.OTHERS, others.get("sender").asText());
        assertEquals(5_000 - BusNoise.MAX_SENDERS, others.get("count").asInt());
        assertTrue(others.get("otherSenders").asInt() > 0);
    }

    @Test
    void anIntervalIsJournalledOnlyWhenItIsOver() {
        noise.count("a", BusNoise.Kind.MALFORMED, "MALFORMED", "x", true, 0);
        noise.flush(BusNoise.INTERVAL_NANOS - 1, false);
        assertEquals(0, records.size());
        noise.flush(BusNoise.INTERVAL_NANOS, false);
        assertEquals(1, records.size());
        noise.flush(10 * BusNoise.INTERVAL_NANOS, false);
        assertEquals(1, records.size(), "nothing new, nothing written");
        assertEquals(1, noise.total(BusNoise.Kind.MALFORMED));
    }

    @Test
    void whatASenderSentIsMadeSafeForTheJournal() {
        assertEquals("a?b", BusNoise.plain("a\u0001b", 10));
        assertEquals("lone ?", BusNoise.plain("lone \ud800", 10));
        assertEquals("ab...", BusNoise.plain("ab\ud83d\ude00", 3), "a surrogate pair is never cut in half");
        assertEquals("\ud83d\ude00", BusNoise.plain("\ud83d\ude00", 2));
    }
}
