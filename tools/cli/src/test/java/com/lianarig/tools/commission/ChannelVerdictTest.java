package com.lianarig.tools.commission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.RopeKind;
import com.lianarig.config.rig.Side;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ChannelVerdictTest {
    private static final List<RopeConfig> ROPES = List.of(rope("left-leg", 0), rope("right-leg", 1),
            rope("left-loop", 2));

    private static RopeConfig rope(String id, int channel) {
        return new RopeConfig(id, RopeKind.LEG_STRAP, Side.LEFT, Optional.of("w"), OptionalDouble.empty(), "main",
                channel, 200, 150, 60);
    }

    private static ChannelObservation seen(String rope, int expected, int seen, double change) {
        return new ChannelObservation(rope, "main", expected, Optional.of(new ChannelObservation.Seen("main", seen)),
                change, Double.NaN, List.of());
    }

    @Test
    void theExpectedChannelRisingPassesAndFallingNamesTheSignalWires() {
        assertTrue(ChannelVerdict.judge(seen("left-leg", 0, 0, 300_000), ROPES).passed());
        CheckResult falls = ChannelVerdict.judge(seen("left-leg", 0, 0, -300_000), ROPES);
        assertEquals("READING FALLS", falls.verdict());
        assertTrue(falls.fix().contains("S+ and S-"), falls.fix());
    }

    @Test
    void twoRopesOnEachOthersChannelsGetOneSwapFixInTheRigFilesWords() {
        List<ChannelObservation> observed = List.of(seen("left-leg", 0, 1, 300_000), seen("right-leg", 1, 0, 290_000));
        List<CheckResult> first = observed.stream().map(o -> ChannelVerdict.judge(o, ROPES)).toList();
        assertEquals("rope left-leg is on node main channel 1, the rig file says channel 0 (channel 1 is right-leg's in"
                + " the rig file)", first.get(0).fix());
        List<CheckResult> fixed = ChannelVerdict.withFixes(observed, first, ROPES);
        assertEquals("rope left-leg is on node main channel 1, the rig file says channel 0: swap `channel:` for"
                + " left-leg and right-leg", fixed.get(0).fix());
        assertEquals("rope right-leg is on node main channel 0, the rig file says channel 1: swap `channel:` for"
                + " left-leg and right-leg", fixed.get(1).fix());
    }

    @Test
    void aRopeOnAnUnusedOrAnotherRopesChannelIsToldWhichChannelToSet() {
        List<ChannelObservation> observed = List.of(seen("left-leg", 0, 2, 300_000), seen("right-leg", 1, 1, 290_000));
        List<CheckResult> fixed = ChannelVerdict.withFixes(observed,
                observed.stream().map(o -> ChannelVerdict.judge(o, ROPES)).toList(), ROPES);
        assertEquals("rope left-leg is on node main channel 2, the rig file says channel 0: set `channel: 2` for"
                + " left-leg (and give left-loop the channel it answers on)", fixed.get(0).fix());
        assertTrue(fixed.get(1).passed());
        CheckResult none = ChannelVerdict.judge(new ChannelObservation("left-loop", "main", 2, Optional.empty(), 0,
                Double.NaN, List.of()), ROPES);
        assertEquals("NO CHANGE", none.verdict());
    }
}
