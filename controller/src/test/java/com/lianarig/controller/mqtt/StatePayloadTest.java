package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The retained state as {@link Payloads} writes it for each exercise (issue 14: the upright hang's aim and
 * share are in the state), valid against the published schema.
 */
class StatePayloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RigStatus status(Exercise exercise, Optional<SpineSegment> aimed, double aimedShare,
            Optional<SpineSegment> live, double liveShare) {
        return new RigStatus(Mode.READY, "ready", List.of(), Optional.of("trainer-tablet"), Optional.of("c-1"), 58,
                Optional.of(exercise), new double[3], new double[4], aimed, 1392, aimedShare, live, liveShare, 0, false,
                Optional.empty(), Optional.empty(), true, "done today", true, "virtual");
    }

    private static JsonNode state(RigStatus s) throws Exception {
        String json = Payloads.state(new JsonOut(), 3, 1, 10, s);
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

    @Test
    void noAimIsNull() throws Exception {
        JsonNode s = state(status(Exercise.UPRIGHT_HANG, Optional.empty(), Double.NaN, Optional.empty(), Double.NaN));
        assertTrue(s.at("/aim").isNull(), s.toString());
    }
}
