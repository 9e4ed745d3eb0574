package com.lianarig.controller.safety;

import com.lianarig.controller.safety.SafetySupervisor.GroupState;
import com.lianarig.protocol.WinchState;

/**
 * The safety core's tracks as the control logic reads them (SAFETY-CORE.md: "the controller reads them
 * through a read-only view"): measured positions, velocities and loads, each group's drive state and live
 * motion, position trust, the admitted set-points. Nothing here changes the core's state.
 *
 * <p>Thread-safe: each read takes the {@link SafetySupervisor}'s lock, so it sees one consistent moment
 * between two inputs.
 */
public final class TrackView {
    private final Object lock;
    private final Tracks t;
    private final MotionGate gate;
    private final Sr23PositionIntegrity sr23;

    TrackView(Object lock, RuleSet rules) {
        this.lock = lock;
        this.t = rules.t;
        this.gate = rules.gate;
        this.sr23 = rules.sr23;
    }

    /** Whether an enable was seen within the refresh time and not let go since (SR-10). */
    public boolean enableLive(long nowNanos) {
        synchronized (lock) {
            return t.enableLive(nowNanos);
        }
    }

    /** Whether a live motion accounts for the group (its entry in the gate's ledger). */
    public boolean live(int group) {
        synchronized (lock) {
            return t.groups[group].permitted;
        }
    }

    /** Why the group's last motion ended, in words ("" when none did). */
    public String endedBecause(int group) {
        synchronized (lock) {
            return t.groups[group].endedBecause;
        }
    }

    /** SR-23: whether the winch's position is trusted (referenced, and nothing has voided it since). */
    public boolean trusted(int winch) {
        synchronized (lock) {
            return sr23.trusted(t.winches[winch]);
        }
    }

    /** Whether a rope has a calibration (SR-17). */
    public boolean calibrated(int rope) {
        synchronized (lock) {
            return t.ropes[rope].calibrated();
        }
    }

    /** Why a rope has no calibration, in words, when it was given (SR-17); null otherwise. */
    public String whyUncalibrated(int rope) {
        synchronized (lock) {
            RopeTrack r = t.ropes[rope];
            return r.calibrated() ? null : r.whyUncalibrated;
        }
    }

    /** Whether upward motion of a group is allowed now (SR-1, SR-7, upper limit switch). */
    public boolean ascentAllowed(int group) {
        synchronized (lock) {
            return gate.ascentBlock(t.groups[group]) == null;
        }
    }

    /** Whether downward motion of a group is allowed now (lower limit switch). */
    public boolean descentAllowed(int group) {
        synchronized (lock) {
            return gate.descentBlock(t.groups[group]) == null;
        }
    }

    public GroupState groupState(int group) {
        synchronized (lock) {
            return t.groups[group].state;
        }
    }

    public MotionKind groupKind(int group) {
        synchronized (lock) {
            return t.groups[group].kind;
        }
    }

    /** The position last admitted for a winch (where the set-points are), mm. */
    public double admittedMm(int winch) {
        synchronized (lock) {
            return t.winches[winch].admittedMm;
        }
    }

    /** The group's admitted velocity, mm/s. */
    public double groupVelocityMmPerS(int group) {
        synchronized (lock) {
            return t.groups[group].velocityMmPerS;
        }
    }

    /** A group's acceleration at its last set-point, mm/s^2 (a motion taking the group over continues from it). */
    public double groupAccelMmPerS2(int group) {
        synchronized (lock) {
            return t.groups[group].accelMmPerS2;
        }
    }

    /**
     * When the newest load sample of any rope was decoded, host clock ns, even when the supervisor has since
     * forgotten it (a lost link): its age keeps growing. {@link Long#MIN_VALUE} before the first.
     */
    public long newestSampleNanos() {
        synchronized (lock) {
            return t.newestSampleNanos;
        }
    }

    /** The measured position of a winch, mm. */
    public double positionMm(int winch) {
        synchronized (lock) {
            return t.winches[winch].positionMm;
        }
    }

    /** The measured velocity of a winch, mm/s. */
    public double velocityMmPerS(int winch) {
        synchronized (lock) {
            return t.winches[winch].velocityMmPerS;
        }
    }

    public WinchState winchState(int winch) {
        synchronized (lock) {
            return t.winches[winch].state;
        }
    }

    public boolean haveStatus(int winch) {
        synchronized (lock) {
            return t.winches[winch].haveStatus;
        }
    }

    public boolean referenced(int winch) {
        synchronized (lock) {
            return t.winches[winch].referenced();
        }
    }

    /** The latest calibrated load of a rope, N; NaN when uncalibrated or not yet sampled. */
    public double loadN(int rope) {
        synchronized (lock) {
            return t.ropes[rope].seenLoadN();
        }
    }

    /** Copies every rope's latest load into {@code out}, N (allocation-free). */
    public void loadsN(double[] out) {
        synchronized (lock) {
            for (RopeTrack r : t.ropes) {
                out[r.index] = r.seenLoadN();
            }
        }
    }

    /** Whether every rope has a sample and every winch a status, on ready links. */
    public boolean allInputsSeen() {
        synchronized (lock) {
            for (NodeTrack n : t.nodes) {
                if (!n.ready) {
                    return false;
                }
            }
            for (WinchTrack w : t.winches) {
                if (!w.haveStatus) {
                    return false;
                }
            }
            for (RopeTrack r : t.ropes) {
                if (!r.haveSample) {
                    return false;
                }
            }
            return true;
        }
    }

    public boolean chainHealthy() {
        synchronized (lock) {
            return t.chainHealthy;
        }
    }

    /** Set-points the gate had to clamp (a controller that plans within the limits clamps none). */
    public long clampedSetPoints() {
        synchronized (lock) {
            return gate.clampedSetPoints();
        }
    }
}
