package com.lianarig.hal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NodeClockTest {

    @Test
    void unwrapsTheNodesMicrosecondClockAcrossItsWrap() {
        NodeClock c = new NodeClock();
        assertEquals(0xFFFF_FF00L, c.unwrap(0xFFFF_FF00L));
        assertEquals(0x1_0000_0010L, c.unwrap(0x10L), "past 2^32");
        assertEquals(0x1_0000_0005L, c.unwrap(0x05L), "a frame of another stream, a little older");
        assertEquals(0x1_0000_1000L, c.unwrap(0x1000L));
    }

    @Test
    void aResetStartsFromTheNewClock() {
        NodeClock c = new NodeClock();
        c.unwrap(5_000_000L);
        c.reset();
        assertEquals(1_000L, c.unwrap(1_000L));
    }
}
