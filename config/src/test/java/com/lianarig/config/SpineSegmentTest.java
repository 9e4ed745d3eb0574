package com.lianarig.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one segment enum spells SPEC section 5's ids. */
class SpineSegmentTest {

    @Test
    void idsAreSpecSectionFivesTopToBottom() {
        assertEquals(List.of("C7-T1", "T4", "T8", "T12-L1", "L3", "L4-L5", "L5-S1"),
                Arrays.stream(SpineSegment.values()).map(SpineSegment::id).toList());
    }

    @Test
    void everyIdMapsBack() {
        for (SpineSegment s : SpineSegment.values()) {
            assertEquals(s, SpineSegment.fromId(s.id()));
        }
        assertEquals(Optional.empty(), SpineSegment.find("l4-l5"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpineSegment.fromId("L6"));
        assertTrue(e.getMessage().contains("C7-T1, T4, T8, T12-L1, L3, L4-L5, L5-S1"), e.getMessage());
    }

    @Test
    void channelRefsFollowTheProtocolsLimits() {
        assertThrows(IllegalArgumentException.class, () -> new ChannelRef("VR 0001", 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelRef("x".repeat(33), 0));
        assertThrows(IllegalArgumentException.class, () -> new ChannelRef("VR-0001", 16));
        assertEquals("VR-0001 channel 3", new ChannelRef("VR-0001", 3).toString());
    }
}
