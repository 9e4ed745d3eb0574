package com.lianarig.controller.aiming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.sim.physics.VirtualClient;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UprightShareModelTest {

    @Test
    void theReachIsDrillisAndContinisArmHeldUpAndTheHangAllButTheLegs() {
        UprightShareModel m = UprightShareModel.of(1750);
        assertEquals(1.258 * 1750, m.standingReachMm(), 1e-9);
        assertEquals(0.678, UprightShareModel.HANG_MAX_SHARE, 1e-12);
        assertEquals(0, m.expectedShare(m.standingReachMm()), 1e-12, "straight arms: the feet carry everything");
        assertEquals(0, m.expectedShare(m.standingReachMm() + 300), 1e-12, "loops above reach carry nothing");
        assertEquals(0.678 / 2, m.expectedShare(m.standingReachMm() - 0.1 * 1750), 1e-12, "half the sink");
        assertEquals(0.678, m.expectedShare(m.standingReachMm() - 0.2 * 1750), 1e-12, "full sink");
        assertEquals(0.678, m.expectedShare(300), 1e-12, "never more than the feet on the mat allow");
        assertEquals(0.678 / (0.2 * 1750), m.shareGradientPerMm(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.05, 0.2, 0.35, 0.5, 0.6779})
    void heightForShareInvertsTheModel(double share) {
        UprightShareModel m = UprightShareModel.of(1620);
        assertEquals(share, m.expectedShare(m.heightForShare(share)), 1e-12);
    }

    @Test
    void aShareTheFeetOnTheMatCannotGiveIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UprightShareModel.of(1750).heightForShare(0.8));
        assertTrue(e.getMessage().contains("feet on the mat"), e.getMessage());
    }

    /**
     * The model is an upper bound of what a client alone lets hang: for the virtual rig's varied clients
     * (hang share 0.4..0.7 when fully sunk, reach 1.25 x stature), at every loop height at or below the
     * standing reach, the true share exceeds the model's by less than SR-2's smallest margin (20 % of body
     * weight, or 15 kg for a light client) and, where the model expects more than a little, by far less.
     */
    @Test
    void theModelBoundsWhatVariedVirtualClientsLetHang() {
        SplittableRandom random = new SplittableRandom(14);
        double worstAbove = 0;
        for (int i = 0; i < 200; i++) {
            double statureMm = random.nextDouble(1400, 2000);
            VirtualClient c = VirtualClient.varied(random.nextDouble(40, 130), statureMm, random.split());
            UprightShareModel m = UprightShareModel.of(statureMm);
            for (double h = 0.8 * statureMm; h <= m.standingReachMm(); h += 5) {
                worstAbove = Math.max(worstAbove, c.uprightShare(h) - m.expectedShare(h));
            }
        }
        assertTrue(worstAbove < 0.05, "the true share exceeds the model by " + worstAbove + " of body weight");
    }
}
