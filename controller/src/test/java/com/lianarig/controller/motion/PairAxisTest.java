package com.lianarig.controller.motion;

import static com.lianarig.controller.motion.AxisChecker.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PairAxisTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @Test
    void resetKeepsEachWinchWhereItIs() {
        PairAxis pair = new PairAxis(MotionLimits.defaults(), 1000.4, 999.6);
        assertEquals(1000.0, pair.axis().positionMm(), 1e-12);
        assertEquals(0.4, pair.offsetAMm(), 1e-12);
        assertEquals(-0.4, pair.offsetBMm(), 1e-12);
        assertEquals(1000.4, pair.setPointAMm(), 1e-12);
        assertEquals(999.6, pair.setPointBMm(), 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void setPointsMoveTogetherAndKeepTheirOffset(long seed) {
        Random r = new Random(seed);
        double aMm = uniform(r, 200, 1800);
        double bMm = aMm + uniform(r, -8, 8);
        PairAxis pair = new PairAxis(MotionLimits.defaults(), aMm, bMm);
        assertEquals(aMm, pair.setPointAMm(), 1e-9);
        assertEquals(bMm, pair.setPointBMm(), 1e-9);
        double gapMm = aMm - bMm;
        for (int move = 0; move < 3; move++) {
            pair.axis().moveTo(uniform(r, 200, 1800));
            double prevA = pair.setPointAMm();
            double prevB = pair.setPointBMm();
            while (pair.axis().moving()) {
                pair.axis().step(0.01);
                assertEquals(gapMm, pair.setPointAMm() - pair.setPointBMm(), 1e-9);
                assertEquals(pair.setPointAMm() - prevA, pair.setPointBMm() - prevB, 1e-9);
                prevA = pair.setPointAMm();
                prevB = pair.setPointBMm();
            }
        }
        pair.reset(aMm + 5, bMm + 5.5);
        assertEquals(gapMm - 0.5, pair.setPointAMm() - pair.setPointBMm(), 1e-9);
    }
}
