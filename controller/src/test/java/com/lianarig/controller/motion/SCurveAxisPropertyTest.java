package com.lianarig.controller.motion;

import static com.lianarig.controller.motion.AxisChecker.randomDtS;
import static com.lianarig.controller.motion.AxisChecker.randomLimits;
import static com.lianarig.controller.motion.AxisChecker.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random cases for {@link SCurveAxis}. Every case runs through an {@link AxisChecker}, which checks
 * every invariant (acceleration, jerk, speed limits, target never passed) after every step; each test
 * adds the property its name states. Periods range over 0.001 to 0.05 s, limits over their whole range.
 */
class SCurveAxisPropertyTest {

    private static final double TRAVEL_MM = 2000;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 200);
    }

    /** A move length, mm: log-uniform from 0.01 mm to 1500 mm, but at most 20 s at {@code speedMmPerS}. */
    private static double distanceMm(Random r, double speedMmPerS) {
        double maxMm = Math.min(1500, 20 * speedMmPerS);
        return Math.exp(uniform(r, Math.log(0.01), Math.log(maxMm)));
    }

    private static double speedToward(MotionLimits limits, double fromMm, double toMm) {
        return toMm >= fromMm ? limits.maxAscentMmPerS() : limits.maxDescentMmPerS();
    }

    private static double slowestMoveS(MotionLimits limits) {
        return TimeOptimal.restToRestS(1500, Math.min(limits.maxAscentMmPerS(), limits.maxDescentMmPerS()),
                limits.maxAccelMmPerS2(), limits.maxJerkMmPerS3()) + 5;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void landsExactlyOnTarget(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        for (int move = 0; move < 4; move++) {
            boolean up = r.nextBoolean();
            double x = c.axis.positionMm();
            double speed = up ? limits.maxAscentMmPerS() : limits.maxDescentMmPerS();
            double target = x + (up ? 1 : -1) * distanceMm(r, speed);
            c.moveTo(target);
            c.settle(dtS, slowestMoveS(limits));
            assertEquals(target, c.axis.positionMm(), 0.0, "seed " + seed);
        }
        assertTrue(c.worstPassMm() <= AxisChecker.TOL, "seed " + seed + ": passed by " + c.worstPassMm() + " mm");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void smallMovesLandExactly(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        for (int move = 0; move < 5; move++) {
            double from = c.axis.positionMm();
            double target = from + (r.nextBoolean() ? 1 : -1) * uniform(r, 0.01, 5);
            double idealS = TimeOptimal.restToRestS(Math.abs(target - from), speedToward(limits, from, target),
                    limits.maxAccelMmPerS2(), limits.maxJerkMmPerS3());
            c.moveTo(target);
            double tookS = c.settle(dtS, idealS + 1);
            assertEquals(target, c.axis.positionMm(), 0.0, "seed " + seed);
            assertTrue(tookS <= idealS + dtS + 1e-9, "seed " + seed + ": " + Math.abs(target - from) + " mm took "
                    + tookS + " s, time-optimal " + idealS + " s");
        }
        assertTrue(c.worstPassMm() <= AxisChecker.TOL, "seed " + seed + ": passed by " + c.worstPassMm() + " mm");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void restToRestMoveTakesTheTimeOptimalDurationRoundedUpToAPeriod(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        for (int move = 0; move < 3; move++) {
            double from = c.axis.positionMm();
            boolean up = r.nextBoolean();
            double speed = up ? limits.maxAscentMmPerS() : limits.maxDescentMmPerS();
            double target = from + (up ? 1 : -1) * distanceMm(r, speed);
            double idealS = TimeOptimal.restToRestS(Math.abs(target - from), speed, limits.maxAccelMmPerS2(),
                    limits.maxJerkMmPerS3());
            c.moveTo(target);
            double tookS = c.settle(dtS, idealS + 1);
            String at = "seed " + seed + " move " + move + ": " + Math.abs(target - from) + " mm took " + tookS
                    + " s, time-optimal " + idealS + " s, period " + dtS + " s";
            assertTrue(tookS >= idealS - 1e-9, "faster than possible, " + at);
            assertTrue(tookS <= idealS + dtS + 1e-9, "slower than the time-optimal move, " + at);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void retargetMidMoveStaysWithinLimits(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        c.moveTo(uniform(r, 0, TRAVEL_MM));
        int retargets = 1 + r.nextInt(4);
        for (int i = 0; i < retargets; i++) {
            runFor(c, dtS, uniform(r, 0, 4));
            double x = c.axis.positionMm();
            double stopAt = c.axis.stoppingPositionMm();
            double target = switch (r.nextInt(5)) {
                case 0 -> x - (stopAt - x) * uniform(r, 0.5, 3); // behind: a reversal
                case 1 -> x + (stopAt - x) * uniform(r, 0, 1); // before the stopping point: passes, returns
                case 2 -> stopAt + uniform(r, -0.5, 0.5); // near the stopping point
                case 3 -> x + uniform(r, -2, 2); // near the position
                default -> uniform(r, 0, TRAVEL_MM);
            };
            c.moveTo(target);
        }
        double target = c.axis.targetMm();
        c.settle(dtS, 2 * slowestMoveS(limits));
        assertEquals(target, c.axis.positionMm(), 0.0, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loweredSpeedLimitIsReachedMonotonicallyWithinTheRampTime(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        if (r.nextInt(4) == 0) {
            c.jog(r.nextBoolean() ? Direction.UP : Direction.DOWN);
        } else {
            c.moveTo(uniform(r, 0, TRAVEL_MM));
        }
        double endS = uniform(r, 2, 15);
        boolean everyStep = r.nextInt(3) == 0; // like a slow-down zone or SR-5 loading: a new limit each period
        double upMmPerS = limits.maxAscentMmPerS();
        double downMmPerS = limits.maxDescentMmPerS();
        while (c.timeS < endS) {
            if (everyStep || r.nextInt(50) == 0) {
                upMmPerS = nextLimit(r, upMmPerS, limits.maxAscentMmPerS(), everyStep);
                downMmPerS = nextLimit(r, downMmPerS, limits.maxDescentMmPerS(), everyStep);
                c.setSpeedLimits(upMmPerS, downMmPerS);
            }
            c.step(dtS);
        }
        c.setSpeedLimits(limits.maxAscentMmPerS(), limits.maxDescentMmPerS());
        c.stop();
        c.settle(dtS, slowestMoveS(limits));
    }

    private static double nextLimit(Random r, double nowMmPerS, double maxMmPerS, boolean drift) {
        if (drift) {
            return Math.max(0, Math.min(maxMmPerS, nowMmPerS + uniform(r, -0.02, 0.015) * maxMmPerS));
        }
        return switch (r.nextInt(6)) {
            case 0 -> 0;
            case 1 -> maxMmPerS;
            case 2 -> 10; // slow-down zone, rescue, unreferenced jog
            default -> uniform(r, 0, maxMmPerS);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void neverExceedsAccelerationOrJerk(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        double endS = uniform(r, 5, 20);
        while (c.timeS < endS) {
            if (r.nextInt(30) == 0) {
                switch (r.nextInt(6)) {
                    case 0 -> c.jog(r.nextBoolean() ? Direction.UP : Direction.DOWN);
                    case 1 -> c.stop();
                    case 2 -> c.setSpeedLimits(uniform(r, 0, limits.maxAscentMmPerS()),
                            uniform(r, 0, limits.maxDescentMmPerS()));
                    case 3 -> c.moveTo(c.axis.positionMm() + uniform(r, -5, 5));
                    default -> c.moveTo(uniform(r, 0, TRAVEL_MM));
                }
            }
            c.step(dtS);
        }
        c.setSpeedLimits(limits.maxAscentMmPerS(), limits.maxDescentMmPerS());
        double target = uniform(r, 0, TRAVEL_MM);
        c.moveTo(target);
        c.settle(dtS, 2 * slowestMoveS(limits));
        assertEquals(target, c.axis.positionMm(), 0.0, "seed " + seed);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void descentNeverFasterThanDescentLimit(long seed) {
        assertDirectionLimited(seed, Direction.DOWN);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ascentNeverFasterThanAscentLimit(long seed) {
        assertDirectionLimited(seed, Direction.UP);
    }

    /**
     * Moves and jogs toward {@code dir} from rest and from motion the other way, with a fixed speed limit:
     * the speed that way never exceeds it, and a long move reaches it.
     */
    private static void assertDirectionLimited(long seed, Direction dir) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        double maxMmPerS = limits.maxSpeedMmPerS(dir);
        double limitMmPerS = r.nextBoolean() ? maxMmPerS : uniform(r, 1, maxMmPerS);
        if (dir == Direction.UP) {
            c.setSpeedLimits(limitMmPerS, limits.maxDescentMmPerS());
        } else {
            c.setSpeedLimits(limits.maxAscentMmPerS(), limitMmPerS);
        }
        double fastestMmPerS = 0;
        for (int run = 0; run < 3; run++) {
            if (r.nextBoolean()) { // first move the other way, then reverse mid-move
                c.moveTo(c.axis.positionMm() - dir.sign() * 1000);
                runFor(c, dtS, uniform(r, 0, 3));
            }
            double from = c.axis.positionMm();
            if (r.nextBoolean()) {
                c.jog(dir);
                fastestMmPerS = Math.max(fastestMmPerS, runFor(c, dtS, uniform(r, 0.5, 4), dir));
                c.stop();
            } else {
                c.moveTo(from + dir.sign() * uniform(r, 0.01, 5 * limitMmPerS));
            }
            while (c.axis.moving()) {
                c.step(dtS);
                fastestMmPerS = Math.max(fastestMmPerS, dir.sign() * c.axis.velocityMmPerS());
            }
        }
        assertTrue(fastestMmPerS <= limitMmPerS + AxisChecker.TOL,
                "seed " + seed + ": " + fastestMmPerS + " mm/s " + dir + " above " + limitMmPerS);
        double rampMm = JerkLimitedRamp.distanceMm(0, 0, limitMmPerS, limits.maxAccelMmPerS2(),
                limits.maxJerkMmPerS3());
        c.moveTo(c.axis.positionMm() + dir.sign() * (2 * rampMm + 0.1 * limitMmPerS)); // long enough to cruise
        while (c.axis.moving()) {
            c.step(dtS);
            fastestMmPerS = Math.max(fastestMmPerS, dir.sign() * c.axis.velocityMmPerS());
        }
        assertEquals(limitMmPerS, fastestMmPerS, 1e-9, "seed " + seed + ": a long move cruises at the limit");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void stopDistanceMatchesPrediction(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        for (int run = 0; run < 3; run++) {
            Direction dir = r.nextBoolean() ? Direction.UP : Direction.DOWN;
            double speedMmPerS = limits.maxSpeedMmPerS(dir);
            boolean fromFullSpeed = run == 0;
            if (fromFullSpeed) {
                c.jog(dir);
                runFor(c, dtS, JerkLimitedRamp.durationS(0, 0, speedMmPerS, limits.maxAccelMmPerS2(),
                        limits.maxJerkMmPerS3()) + uniform(r, 0.01, 1));
                assertEquals(dir.sign() * speedMmPerS, c.axis.velocityMmPerS(), 1e-9, "seed " + seed);
            } else {
                c.moveTo(c.axis.positionMm() + dir.sign() * distanceMm(r, speedMmPerS));
                runFor(c, dtS, uniform(r, 0, 5));
            }
            double v = c.axis.velocityMmPerS();
            double a = c.axis.accelMmPerS2();
            double predictedMm = c.axis.stoppingPositionMm();
            double predictedS = JerkLimitedRamp.durationS(v, a, 0, limits.maxAccelMmPerS2(), limits.maxJerkMmPerS3());
            if (fromFullSpeed) {
                assertEquals(limits.brakingDistanceMm(speedMmPerS), Math.abs(c.axis.stoppingDistanceMm()), 1e-9);
            }
            c.stop();
            assertEquals(predictedMm, c.axis.targetMm(), 0.0);
            double tookS = c.settle(dtS, predictedS + 1);
            assertEquals(predictedMm, c.axis.positionMm(), 1e-6, "seed " + seed + " run " + run);
            assertTrue(tookS <= predictedS + dtS + 1e-9, "seed " + seed + ": stop took " + tookS + " s, predicted "
                    + predictedS + " s");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void jogRunsAtTheSpeedLimitUntilStop(long seed) {
        Random r = new Random(seed);
        MotionLimits limits = randomLimits(r);
        double dtS = randomDtS(r);
        AxisChecker c = new AxisChecker(limits, uniform(r, 0, TRAVEL_MM), "seed " + seed);
        Direction dir = r.nextBoolean() ? Direction.UP : Direction.DOWN;
        double askedMmPerS = uniform(r, 1, 20); // attach, rescue (SR-19) and unreferenced jog speeds
        c.setSpeedLimits(askedMmPerS, askedMmPerS);
        double jogMmPerS = Math.min(askedMmPerS, limits.maxSpeedMmPerS(dir));
        c.jog(dir);
        assertEquals(dir.sign() * Double.POSITIVE_INFINITY, c.axis.targetMm());
        double rampS = JerkLimitedRamp.durationS(0, 0, jogMmPerS, limits.maxAccelMmPerS2(), limits.maxJerkMmPerS3());
        runFor(c, dtS, rampS + uniform(r, dtS, 3));
        assertEquals(dir.sign() * jogMmPerS, c.axis.velocityMmPerS(), 1e-9, "seed " + seed);
        assertEquals(0, c.axis.accelMmPerS2(), 1e-9, "seed " + seed);
        assertTrue(c.axis.moving());
        double predictedMm = c.axis.stoppingPositionMm();
        c.stop();
        c.settle(dtS, rampS + 1);
        assertEquals(predictedMm, c.axis.positionMm(), 1e-6, "seed " + seed);
    }

    /** Steps for {@code durationS}. */
    private static void runFor(AxisChecker c, double dtS, double durationS) {
        double endS = c.timeS + durationS;
        while (c.timeS < endS) {
            c.step(dtS);
        }
    }

    /** Steps for {@code durationS}; returns the fastest speed toward {@code dir}, mm/s. */
    private static double runFor(AxisChecker c, double dtS, double durationS, Direction dir) {
        double fastest = 0;
        double endS = c.timeS + durationS;
        while (c.timeS < endS) {
            c.step(dtS);
            fastest = Math.max(fastest, dir.sign() * c.axis.velocityMmPerS());
        }
        return fastest;
    }
}
