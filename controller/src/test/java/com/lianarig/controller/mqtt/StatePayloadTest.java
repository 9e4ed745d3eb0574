package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.journal.JournalRecord;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The retained state as {@link Payloads} writes it for each exercise (issue 14: the upright hang's aim and
 * share are in the state), valid against the published schema.
 */
class StatePayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long WALL_MS = 1_796_685_622_123L; // 2026-12-07T23:20:22.123Z

    private static RigStatus status(Exercise exercise, Optional<SpineSegment> aimed, double aimedShare,
            Optional<SpineSegment> live, double liveShare) {
        return new RigStatus(Mode.READY, "ready", List.of(), Optional.of("trainer-tablet"), Optional.of("c-1"), 58,
                Optional.of(exercise), new double[3], new double[4], aimed, 1392, aimedShare, live, liveShare, 0, false,
                Optional.empty(), Optional.empty(), true, "done today", true, "virtual");
    }

    private static JsonNode state(RigStatus s) throws Exception {
        String json = Payloads.state(new JsonOut(), 3, 1, 10, WALL_MS, true, s);
        MqttSchemas.assertValid(MqttSchemas.Kind.STATE, json);
        return JSON.readTree(json);
    }

    @Test
    void anUprightAimIsAShareOnTheLoopsWithNoSegment() throws Exception {
        JsonNode s = state(status(Exercise.UPRIGHT_HANG, Optional.empty(), 0.4, Optional.empty(), 0.39));
        assertEquals("upright-hang", s.at("/client/exercise").asText());
        assertTrue(s.at("/aim/segment").isNull(), s.toString());
        assertEquals(0.4, s.at("/aim/loadShare").asDouble(), 1e-9);
        assertEquals(1392, s.at("/aim/heightMm").asDouble(), 1e-9);
        assertTrue(s.at("/liveSegment").isNull(), s.toString());
    }

    @Test
    void anInvertedAimIsASegmentWithNoShare() throws Exception {
        JsonNode s = state(status(Exercise.INVERTED_HANG, Optional.of(SpineSegment.L4_L5), Double.NaN,
                Optional.of(SpineSegment.L4_L5), 0.5));
        assertEquals("inverted-hang", s.at("/client/exercise").asText());
        assertEquals("L4-L5", s.at("/aim/segment").asText());
        assertTrue(s.at("/aim/loadShare").isNull(), s.toString());
    }

    /** Issue 19: the wall-clock time as ISO 8601 in UTC, and whether the clock was synchronised. */
    @Test
    void theStateCarriesTheWallClockTimeAndWhetherItIsSynchronised() throws Exception {
        JsonNode s = state(status(Exercise.INVERTED_HANG, Optional.empty(), Double.NaN, Optional.empty(), Double.NaN));
        assertEquals(java.time.Instant.ofEpochMilli(WALL_MS).toString(), s.at("/wallTime").asText());
        assertEquals(WALL_MS, java.time.Instant.parse(s.at("/wallTime").asText()).toEpochMilli());
        assertTrue(s.at("/timeSynchronized").asBoolean(), s.toString());
    }

    /** An event's time counts as synchronised only for a record of this session, on a clock synchronised now. */
    @Test
    void anEventFromAnEarlierRunIsNotVouchedFor() throws Exception {
        JournalRecord thisRun = new JournalRecord(9, WALL_MS, 0, 3, "fault", "{}");
        JournalRecord earlier = new JournalRecord(8, WALL_MS - 60_000, 0, 2, "fault", "{}");
        for (var c : new Object[][] {{thisRun, true, true}, {thisRun, false, false}, {earlier, true, false}}) {
            String json = Payloads.event(new JsonOut(), 3, (JournalRecord) c[0], "{}", (Boolean) c[1]);
            MqttSchemas.assertValid(MqttSchemas.Kind.EVENT, json);
            JsonNode e = JSON.readTree(json);
            assertEquals(c[2], e.at("/timeSynchronized").asBoolean(), json);
            assertEquals(((JournalRecord) c[0]).wallTimeMs(), java.time.Instant.parse(e.at("/wallTime").asText())
                    .toEpochMilli(), json);
        }
    }

    @Test
    void noAimIsNull() throws Exception {
        JsonNode s = state(status(Exercise.UPRIGHT_HANG, Optional.empty(), Double.NaN, Optional.empty(), Double.NaN));
        assertTrue(s.at("/aim").isNull(), s.toString());
    }
}
