package com.lianarig.controller.motion;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;

/**
 * Drives an {@link SCurveAxis} and checks every invariant after every step: |a| within the limit, the jerk
 * between samples within the limit, velocity and position consistent with bounded acceleration, the
 * speed within the limit of its direction (after a limit is lowered: never above the speed it could not
 * avoid, falling monotonically once it falls, and at the limit by the time the fastest ramp needs), and a
 * position-mode target never passed once it can be reached without passing it.
 */
final class AxisChecker {
    static final double TOL = 1e-9;

    final SCurveAxis axis;
    final MotionLimits limits;
    private final String label;
    double timeS;
    long steps;

    /** Per direction (index 0 down, 1 up): an episode of slowing to a lowered limit, if any. */
    private final boolean[] slowing = new boolean[2];
    private final double[] slowingBoundMmPerS = new double[2];
    private final double[] slowingDeadlineS = new double[2];
    private final double[] lastSpeedMmPerS = new double[2];
    private final boolean[] falling = new boolean[2];

    private double approachSide;
    private boolean armed;
    private double worstPassMm;

    AxisChecker(MotionLimits limits, double positionMm, String label) {
        this.limits = limits;
        this.axis = new SCurveAxis(limits, positionMm);
        this.label = label;
    }

    void moveTo(double targetMm) {
        axis.moveTo(targetMm);
        watchTarget();
    }

    void jog(Direction direction) {
        axis.jog(direction);
        armed = false;
    }

    void stop() {
        axis.stop();
        watchTarget();
    }

    void setSpeedLimits(double ascentMmPerS, double descentMmPerS) {
        axis.setSpeedLimits(ascentMmPerS, descentMmPerS);
        double v = axis.velocityMmPerS();
        double a = axis.accelMmPerS2();
        for (int dir = -1; dir <= 1; dir += 2) {
            int i = (dir + 1) / 2;
            double limit = limitToward(dir);
            double reach = reachToward(dir, v, a);
            if (reach > limit + TOL) {
                slowing[i] = true;
                slowingBoundMmPerS[i] = reach + TOL;
                slowingDeadlineS[i] = timeS + JerkLimitedRamp.durationS(v, a, dir * limit,
                        limits.maxAccelMmPerS2(), limits.maxJerkMmPerS3());
                lastSpeedMmPerS[i] = dir * v;
                falling[i] = false;
            }
        }
    }

    /**
     * The fastest speed toward {@code dir}, mm/s, the axis reaches from (v, a) however it ramps its
     * acceleration to zero: the speed now, or where the acceleration's fastest ramp to zero leaves it.
     */
    private double reachToward(double dir, double v, double a) {
        return Math.max(dir * v, dir * (v + a * Math.abs(a) / (2 * limits.maxJerkMmPerS3())));
    }

    /** A new target: the check arms again once the target can be reached without passing it. */
    private void watchTarget() {
        armed = false;
        tryToArm();
    }

    /**
     * Arms the target check once the axis can no longer need to pass the target: the fastest stop from
     * here is monotone (its velocity keeps its sign: a stop from a hard deceleration may have to reverse
     * first) and moves toward the target, and both the position and that stop's resting point are on the
     * near side of the target. From such a state a plan that passes the target is a failure.
     */
    private void tryToArm() {
        double target = axis.targetMm();
        if (Double.isInfinite(target)) {
            return;
        }
        double x = axis.positionMm();
        double v = axis.velocityMmPerS();
        double a = axis.accelMmPerS2();
        double stopAt = axis.stoppingPositionMm();
        double afterMmPerS = v + a * Math.abs(a) / (2 * limits.maxJerkMmPerS3());
        double side;
        if (Math.abs(target - stopAt) > SCurveAxis.ON_CURVE_MM) {
            side = Math.signum(target - stopAt);
        } else if (v != 0 || a != 0) {
            side = -JerkLimitedRamp.pulseSign(v, a, 0, limits.maxJerkMmPerS3());
        } else {
            side = Math.signum(target - x);
        }
        if (side != 0 && v * afterMmPerS >= 0 && side * v >= 0 && side * afterMmPerS >= 0 && side * (target - x) >= 0
                && side * (target - stopAt) >= -SCurveAxis.ON_CURVE_MM) {
            armed = true;
            approachSide = side;
        }
    }

    private double limitToward(double dir) {
        return dir > 0 ? axis.ascentLimitMmPerS() : axis.descentLimitMmPerS();
    }

    void step(double dtS) {
        double x0 = axis.positionMm();
        double v0 = axis.velocityMmPerS();
        double a0 = axis.accelMmPerS2();
        axis.step(dtS);
        timeS += dtS;
        steps++;
        double x = axis.positionMm();
        double v = axis.velocityMmPerS();
        double a = axis.accelMmPerS2();
        double maxA = limits.maxAccelMmPerS2();
        if (!Double.isFinite(x) || !Double.isFinite(v) || !Double.isFinite(a)) {
            failAt("state not finite", dtS);
        }
        if (Math.abs(a) > maxA + TOL) {
            failAt("|a| above " + maxA, dtS);
        }
        if (Math.abs(a - a0) > limits.maxJerkMmPerS3() * dtS * (1 + 1e-12) + TOL) {
            failAt("jerk above " + limits.maxJerkMmPerS3() + " (a " + a0 + " -> " + a + ")", dtS);
        }
        if (Math.abs(v - v0) > maxA * dtS * (1 + 1e-12) + TOL) {
            failAt("velocity changed faster than the acceleration limit (v " + v0 + " -> " + v + ")", dtS);
        }
        double fastest = Math.max(Math.abs(v0), Math.abs(v)) + maxA * maxA / (2 * limits.maxJerkMmPerS3());
        if (Math.abs(x - x0) > fastest * dtS + SCurveAxis.SNAP_MM) {
            failAt("position jumped (x " + x0 + " -> " + x + ")", dtS);
        }
        checkSpeed(v, a, dtS);
        checkTarget(x, dtS);
    }

    private void checkSpeed(double v, double a, double dtS) {
        for (int dir = -1; dir <= 1; dir += 2) {
            int i = (dir + 1) / 2;
            double speed = dir * v;
            double limit = limitToward(dir);
            double reach = reachToward(dir, v, a);
            if (slowing[i] && reach <= limit + TOL) {
                slowing[i] = false;
            }
            if (slowing[i]) {
                if (speed > slowingBoundMmPerS[i]) {
                    failAt("speed rose above " + slowingBoundMmPerS[i] + " after the limit was lowered", dtS);
                }
                if (falling[i] && speed > lastSpeedMmPerS[i] + TOL) {
                    failAt("speed rose again (" + lastSpeedMmPerS[i] + " -> " + speed + ") while above the limit "
                            + limit, dtS);
                }
                if (speed < lastSpeedMmPerS[i] - TOL) {
                    falling[i] = true;
                }
                if (speed > limit + TOL && timeS > slowingDeadlineS[i] + dtS + 1e-9) {
                    failAt("still above the lowered limit " + limit + " after the fastest ramp's time", dtS);
                }
                lastSpeedMmPerS[i] = speed;
                continue;
            }
            if (speed > limit + TOL) {
                failAt((dir > 0 ? "ascent" : "descent") + " speed above its limit " + limit, dtS);
            }
            if (reach > limit + TOL) {
                failAt("acceleration will carry the speed to " + reach + ", above the limit " + limit, dtS);
            }
        }
    }

    private void checkTarget(double x, double dtS) {
        if (!armed) {
            tryToArm();
            return;
        }
        double passed = approachSide * (x - axis.targetMm());
        worstPassMm = Math.max(worstPassMm, passed);
        if (passed > TOL) {
            failAt("passed the target by " + passed + " mm", dtS);
        }
    }

    /** Steps until the axis rests exactly on its target; fails if that takes longer than maxS. */
    double settle(double dtS, double maxS) {
        double startS = timeS;
        while (axis.moving()) {
            if (timeS - startS > maxS) {
                failAt("did not settle within " + maxS + " s", dtS);
            }
            step(dtS);
        }
        assertLandedExactly(dtS);
        return timeS - startS;
    }

    void assertLandedExactly(double dtS) {
        if (axis.positionMm() != axis.targetMm() || axis.velocityMmPerS() != 0 || axis.accelMmPerS2() != 0) {
            failAt("not at rest exactly on the target", dtS);
        }
    }

    double worstPassMm() {
        return worstPassMm;
    }

    void failAt(String what, double dtS) {
        fail(label + ": " + what + " at t=" + timeS + " s (step " + steps + ", dt " + dtS + " s): x="
                + axis.positionMm() + " v=" + axis.velocityMmPerS() + " a=" + axis.accelMmPerS2() + " target="
                + axis.targetMm() + " limits up " + axis.ascentLimitMmPerS() + " down "
                + axis.descentLimitMmPerS() + ", " + limits);
    }

    static MotionLimits randomLimits(Random r) {
        if (r.nextInt(4) == 0) {
            return MotionLimits.defaults();
        }
        return new MotionLimits(uniform(r, 5, 150), uniform(r, 5, 100), uniform(r, 20, 300), uniform(r, 80, 1500));
    }

    /** A period from 0.001 s to 0.05 s, log-uniform, or exactly 0.01 s in a third of the cases. */
    static double randomDtS(Random r) {
        if (r.nextInt(3) == 0) {
            return 0.01;
        }
        return Math.exp(uniform(r, Math.log(0.001), Math.log(0.05)));
    }

    static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }
}
