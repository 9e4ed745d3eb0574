package com.lianarig.tools.commission;

import com.lianarig.protocol.NodeFault;
import java.util.Locale;

/**
 * Judges one winch's commissioning move from what the encoder did, what the node reported and what
 * the technician saw. Pure.
 */
final class DirectionVerdict {
    /** Below this fraction of the commanded move the winch counts as not moved. */
    static final double NO_MOVEMENT_FRACTION = 0.1;
    /** The encoder's move within these fractions of the commanded one is the right scale. */
    static final double SCALE_LOW = 0.8;
    static final double SCALE_HIGH = 1.25;
    /** What a measured travel may differ from the commanded one, fraction. */
    static final double MEASURED_TOLERANCE = 0.15;

    static final String ENCODER_INVERTED_FIX = "the encoder counts down while the rope winds in: swap its A and B"
            + " signals at the node (or set the encoder direction in the node's or the drive's settings) so that its"
            + " count rises going up; the rig file cannot fix this (countsPerMm cannot be negative)";
    static final String BOTH_REVERSED_FIX = "the motor and its encoder both run the other way (they agree with each"
            + " other, so the node cannot tell): reverse the drive's direction (its direction setting, or two motor"
            + " phases) AND swap the encoder's A and B signals, so that up winds the rope in";

    /** What the technician saw of the strap, when asked. */
    enum Seen {
        UP, DOWN, NOT_MOVED, NOT_ASKED
    }

    private DirectionVerdict() {
    }

    /**
     * @param winch the winch's id
     * @param commandedCounts the move commanded, counts (positive = up)
     * @param movedCounts what the encoder moved, counts
     * @param countsPerMm the rig file's countsPerMm of the winch
     * @param fault the node's fault that stopped the move, or null
     * @param faultMeasured the fault's measured value, in its unit
     * @param faultLimit the fault's limit
     * @param seen what the technician saw (NOT_ASKED with --yes, or after a fault)
     * @param measuredMm the travel the technician measured, mm (up positive), or NaN
     */
    static CheckResult judge(String winch, int commandedCounts, int movedCounts, double countsPerMm, NodeFault fault,
            int faultMeasured, int faultLimit, Seen seen, double measuredMm) {
        double commandedMm = commandedCounts / countsPerMm;
        double movedMm = movedCounts / countsPerMm;
        double ratio = commandedCounts == 0 ? 0 : (double) movedCounts / commandedCounts;
        String moves = String.format(Locale.ROOT, "commanded %s %.1f mm (%d counts); the encoder moved %+.1f mm"
                + " (%+d counts)", commandedCounts >= 0 ? "up" : "down", Math.abs(commandedMm), commandedCounts, movedMm,
                movedCounts);
        if (fault != null) {
            String stopped = String.format(Locale.ROOT, "%s, then the node stopped it: %s (measured %d, limit %d)", moves,
                    fault, faultMeasured, faultLimit);
            if (ratio < 0 && Math.abs(ratio) >= NO_MOVEMENT_FRACTION / 2) {
                return CheckResult.failed("direction", winch, "ENCODER INVERTED", stopped, "winch " + winch + ": "
                        + ENCODER_INVERTED_FIX);
            }
            return CheckResult.notDone("direction", winch, "NODE FAULT " + fault, stopped, "winch " + winch + ": "
                    + faultFix(fault, Math.abs(ratio) < NO_MOVEMENT_FRACTION));
        }
        if (Math.abs(ratio) < NO_MOVEMENT_FRACTION) {
            return CheckResult.failed("direction", winch, "NO MOVEMENT", moves, "winch " + winch + ": the drive did not"
                    + " move the winch, or its encoder does not count: check the drive's enable and motor wiring, and the"
                    + " encoder's cable and supply");
        }
        if (ratio < 0) {
            return CheckResult.failed("direction", winch, "ENCODER INVERTED", moves, "winch " + winch + ": "
                    + ENCODER_INVERTED_FIX);
        }
        if (ratio < SCALE_LOW || ratio > SCALE_HIGH) {
            return CheckResult.failed("direction", winch, "WRONG SCALE", moves + String.format(Locale.ROOT,
                    ": %.2f times the commanded move", ratio), "winch " + winch + String.format(Locale.ROOT,
                            ": countsPerMm (%s in the rig file) is off by a factor of about %.2f: check the encoder's"
                                    + " counts per turn, the gear ratio and drumRadiusMm", trim(countsPerMm), ratio));
        }
        return bySight(winch, moves, movedCounts, commandedMm, countsPerMm, seen, measuredMm);
    }

    private static CheckResult bySight(String winch, String moves, int movedCounts, double commandedMm,
            double countsPerMm, Seen seen, double measuredMm) {
        if (!Double.isNaN(measuredMm)) {
            String measured = moves + String.format(Locale.ROOT, "; measured %+.1f mm", measuredMm);
            if (measuredMm < 0) {
                return CheckResult.failed("direction", winch, "MOVES DOWN FOR UP", measured, "winch " + winch + ": "
                        + BOTH_REVERSED_FIX);
            }
            if (measuredMm < NO_MOVEMENT_FRACTION * Math.abs(commandedMm)) {
                return notMoved(winch, measured);
            }
            double trueCountsPerMm = movedCounts / measuredMm;
            if (Math.abs(trueCountsPerMm / countsPerMm - 1) > MEASURED_TOLERANCE) {
                return CheckResult.failed("direction", winch, "WRONG SCALE", measured, "winch " + winch
                        + String.format(Locale.ROOT, ": countsPerMm should be about %.4f (the encoder moved %d counts"
                                + " while the strap moved %.1f mm); the rig file says %s", trueCountsPerMm, movedCounts,
                                measuredMm, trim(countsPerMm)));
            }
            return CheckResult.ok("direction", winch, measured);
        }
        return switch (seen) {
            case UP -> CheckResult.ok("direction", winch, moves + "; seen going up");
            case DOWN -> CheckResult.failed("direction", winch, "MOVES DOWN FOR UP", moves + "; seen going down",
                    "winch " + winch + ": " + BOTH_REVERSED_FIX);
            case NOT_MOVED -> notMoved(winch, moves + "; seen not moving");
            case NOT_ASKED -> CheckResult.ok("direction", winch, moves + "; the direction by sight was not asked (--yes)");
        };
    }

    private static CheckResult notMoved(String winch, String detail) {
        return CheckResult.failed("direction", winch, "COUNTS BUT NO MOTION", detail, "winch " + winch
                + ": the encoder counted but the strap did not move: the encoder may be on another winch (encoder"
                + " cables swapped), or the rope slips on the drum");
    }

    private static String faultFix(NodeFault fault, boolean notMoved) {
        return switch (fault) {
            case FOLLOWING_ERROR -> notMoved
                    ? "the winch did not follow (it hardly moved): check the drive's enable and motor wiring and the"
                            + " encoder's cable, then run the check again"
                    : "the winch did not follow its set-point: check the drive's tuning and the encoder, then run the"
                            + " check again";
            case OVERSPEED -> "the winch ran faster than asked: check the encoder's direction and the drive, then run the"
                    + " check again";
            case DRIVE_FAULT -> "the drive reports a fault of its own: read its display or manual, then run the check again";
            case POWER_REMOVED -> "the safety chain removed the drive's power: release every emergency stop, close the"
                    + " chain, then run the check again";
            case SETPOINT_GAP -> "this computer's set-points came too late (a busy machine): run the check again";
            case HEARTBEAT_TIMEOUT -> "this computer's heartbeats came too late (a busy machine, or the USB link"
                    + " dropped): run the check again";
            case ENCODER_FAULT -> "the node lost the encoder's signal: check its cable, connector and supply, then run"
                    + " the check again";
            case BRAKE_FAULT -> "a brake did not reach its commanded state: check the brake's wiring and its feedback"
                    + " switch, then run the check again";
            case LOWER_LIMIT, UPPER_LIMIT -> "the winch reached a limit switch: move it away from it (or check the"
                    + " switch's wiring), then run the check again";
            default -> "find the cause of " + fault + " (docs/commissioning.md), then run the check again";
        };
    }

    static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
