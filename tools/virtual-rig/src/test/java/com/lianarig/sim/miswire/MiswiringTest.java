package com.lianarig.sim.miswire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.sim.hw.LoadCellAdc;
import com.lianarig.sim.hw.WinchHardware;
import com.lianarig.sim.physics.WinchParams;
import com.lianarig.sim.physics.WinchSim;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MiswiringTest {

    @Test
    void parsesEachMistakeAndNamesTheFormsOnABadOne() {
        assertEquals(new Miswiring(List.of(0, 1), Set.of()), Miswiring.parse("swapped-load-channels=0,1"));
        assertEquals(new Miswiring(List.of(), Set.of(2)), Miswiring.parse(" Inverted-Encoder=2 "));
        assertSame(Miswiring.NONE, Miswiring.parse("none"));
        assertEquals("swapped-load-channels=0,1 inverted-encoder=2",
                Miswiring.parse("swapped-load-channels=0,1").and(Miswiring.parse("inverted-encoder=2")).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Miswiring.parse("swapped-load-channels=0"));
        assertTrue(e.getMessage().contains("needs two channels") && e.getMessage().contains(Miswiring.FORMS),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Miswiring.parse("inverted-encoder=x"));
        assertThrows(IllegalArgumentException.class, () -> Miswiring.parse("crossed-wires"));
        assertThrows(IllegalArgumentException.class, () -> Miswiring.parse("swapped-load-channels=1,1"));
    }

    @Test
    void swappedChannelsExchangeTheTwoCellsAndNothingElse() {
        List<LoadCellAdc> cells = List.of(cell(), cell(), cell());
        List<LoadCellAdc> wired = Miswiring.parse("swapped-load-channels=0,2").channels(cells);
        assertEquals(List.of(cells.get(2), cells.get(1), cells.get(0)), wired);
        assertEquals(cells, Miswiring.parse("swapped-load-channels=3,4").channels(cells), "a node without them");
    }

    @Test
    void anInvertedEncoderReadsTheSameAtStartThenCountsDownWhileTheDriveWindsUp() {
        WinchSim sim = new WinchSim(WinchParams.fingerLoop(), 600);
        WinchHardware node = Miswiring.parse("inverted-encoder=0").winches(List.of(sim)).get(0);
        int start = node.encoderCounts();
        assertEquals(sim.encoderCounts(), start);
        node.positionReference(start, 0); // as the node does on BRAKE RELEASE, before it enables the drive
        node.enableDrive(true);
        node.brake(BrakeId.MOTOR, false);
        node.brake(BrakeId.DRUM, false);
        double cpm = WinchParams.fingerLoop().countsPerMm();
        node.positionReference(start + 10 * cpm, 0); // the node asks for 10 mm up
        for (int i = 0; i < 3000; i++) {
            sim.step(0.001, 5, true);
        }
        assertEquals(610, sim.positionMm(), 0.5, "the drive wound the rope up as asked");
        assertEquals(start - 10 * cpm, node.encoderCounts(), 0.5 * cpm, "the node counted down");
    }

    private static LoadCellAdc cell() {
        return new LoadCellAdc() {
            @Override
            public void convert() {
            }

            @Override
            public int rawCounts() {
                return 0;
            }

            @Override
            public ChannelStatus status() {
                return ChannelStatus.OK;
            }
        };
    }
}
