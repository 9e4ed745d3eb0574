package com.lianarig.tools.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lianarig.protocol.Direction;
import com.lianarig.protocol.FrameEncoder;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The tester's raw frame builder against PROTOCOL.md's worked examples and the reference encoder. */
class NodeProbeFrameTest {
    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void clearShutdownIsTheWorkedExampleOfSection10_18() {
        // A5 5A sync | 00 LEN | 01 ADDR host->node 1 | 09 SEQ | 16 CLEAR_SHUTDOWN | F1 A2 6F 55 CRC-32C LE
        assertArrayEquals(hex("A5 5A 00 01 09 16 F1 A2 6F 55"), NodeProbe.frame(1, false, 9, 0x16, new byte[0]));
    }

    @Test
    void aStopFrameIsTheEncodersAndTheWorkedExampleOfSection10_14() {
        // A5 5A | 02 LEN | 01 ADDR | 07 SEQ | 11 STOP | 03 winchMask | 01 CAT_1 | 41 CF D8 BE CRC
        byte[] built = NodeProbe.frame(1, false, 7, 0x11, NodeProbe.payload(new Stop(0x03, StopCategory.CAT_1)));
        assertArrayEquals(hex("A5 5A 02 01 07 11 03 01 41 CF D8 BE"), built);
        assertArrayEquals(new FrameEncoder().encode(Direction.HOST_TO_NODE, 1, 7, new Stop(0x03, StopCategory.CAT_1)),
                built);
    }

    @Test
    void aFrameFromANodeCarriesBit7AndAnyMessageIdAndLength() {
        byte[] f = NodeProbe.frame(5, true, 0xFF, 0x20, new byte[] {1, 2, 3});
        assertEquals((byte) 0x85, f[3]);
        assertEquals((byte) 0xFF, f[4]);
        assertEquals(0x20, f[5]);
        assertEquals(3 + 10, f.length);
    }
}
