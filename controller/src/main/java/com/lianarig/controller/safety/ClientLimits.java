package com.lianarig.controller.safety;

/**
 * What the attached client sets for the rules (SPEC sections 4 and 5): body mass (SR-2, SR-5, SR-6,
 * SR-25), the strap and loop ceilings and the head-off-the-mat share (SR-20), whether the client is
 * settled in the straps (SR-25), and the expected rope loads of the hang model. The client session writes
 * them; the rules read them from the {@link Tracks}.
 *
 * <p>Thread-safe: each write takes the {@link SafetySupervisor}'s lock, so no rule sees half a change.
 */
public final class ClientLimits {
    private final Object lock;
    private final Tracks t;
    private final Sr02TotalLoad sr02;
    private final Sr25Plausibility sr25;

    ClientLimits(Object lock, RuleSet rules) {
        this.lock = lock;
        this.t = rules.t;
        this.sr02 = rules.sr02;
        this.sr25 = rules.sr25;
    }

    /** The client's body mass, kg, or NaN when no client is set (SR-2, SR-5, SR-6 need it). */
    public void setClientMassKg(double massKg) {
        synchronized (lock) {
            if (Double.compare(massKg, t.clientMassKg) == 0) {
                // the same client again (attach while attached): SR-2's limits are unchanged and its 500 ms / 100 ms
                // go on (R-7 seed 7034399: re-attaching 374 ms into an extra load restarted the 500 ms)
                return;
            }
            t.clientMassKg = massKg;
            sr02.clientChanged();
            sr25.clientChanged();
        }
    }

    /** SR-20: the highest position, per winch, any set-point of the leg pair may ask for; +inf for none. */
    public void setStrapCeilingMm(double positionMm) {
        synchronized (lock) {
            t.strapCeilingMm = positionMm;
        }
    }

    /**
     * The upright hang's ceiling (SPEC section 5, the SR-20 analogue for the finger loops): the highest unloaded
     * loop height above the mat any set-point of a finger-loop winch may ask for, mm; +inf for none.
     */
    public void setLoopCeilingHeightMm(double heightMm) {
        synchronized (lock) {
            t.loopCeilingHeightMm = heightMm;
        }
    }

    /**
     * SR-20: the leg ropes' measured share of body weight that shows the head and shoulders leaving the mat
     * (the model's share at the client's ceiling + 0.05); NaN for none.
     */
    public void setHeadOffMatShare(double share) {
        synchronized (lock) {
            t.headOffMatShare = share;
        }
    }

    /** SR-25: whether a client is strapped in (READY), as opposed to being strapped in or out, or none. */
    public void setClientSettled(boolean settled) {
        synchronized (lock) {
            if (settled != t.clientSettled) {
                t.clientSettled = settled;
                sr25.clientChanged();
            }
        }
    }

    /** The expected rope loads for the current heights (model share x body weight), N, one per rope. */
    public void setExpectedLoadsN(double[] expectedPerRopeN) {
        synchronized (lock) {
            for (RopeTrack r : t.ropes) {
                r.expectedN = expectedPerRopeN[r.index];
            }
        }
    }
}
