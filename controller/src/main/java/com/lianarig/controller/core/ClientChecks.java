package com.lianarig.controller.core;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.controller.aiming.BodyGeometry;
import com.lianarig.controller.rig.RigModel;
import java.util.Locale;

/**
 * The client session's checks against the measured loads and the body: SR-20's ceiling against the stature
 * at attach and "off the mat" before a client change, SR-25's strap and loop loads against the profile at
 * client-ready. Each returns the reason in words, or null. Owner: the control thread.
 */
final class ClientChecks {
    /** A client counts as off the mat (lifted in the straps) above this share of body weight on the leg ropes. */
    static final double OFF_THE_MAT_SHARE = 0.05;
    /** ... and above this load, kg (the straps and a little sway alone stay below). */
    static final double OFF_THE_MAT_KG = 5;
    /** SR-25 at client-ready: the strap loads must be within this fraction of the model's (once it expects enough). */
    static final double READY_TOLERANCE = 0.35;
    /** ... when the model expects more than this on the leg ropes, kg. */
    static final double READY_MIN_EXPECTED_KG = 10;

    private final RigModel model;
    private final ClientSession session;
    private final FingerLoops loops;

    ClientChecks(RigModel model, ClientSession session, FingerLoops loops) {
        this.model = model;
        this.session = session;
        this.loops = loops;
    }

    /**
     * SR-20: a ceiling above what the client's stature allows: with the straps at the ankles, the head and
     * shoulders stay on the mat while the strap is no higher than the ankle-to-C7 length of the body (the
     * profile's measured cervicale where it has one). The reason, or null.
     */
    static String ceilingAboveStature(ClientProfile p) {
        double ceilingMm = p.maxStrapHeightMm().orElse(Double.NaN);
        double allowedMm = maxCeilingMm(p);
        if (ceilingMm > allowedMm) {
            return String.format(Locale.ROOT, "client %s's SR-20 maximum strap height %.0f mm is above what"
                    + " a stature of %.0f mm allows (%.0f mm: higher, the head and shoulders leave the mat): lower it"
                    + " in the profile", p.id(), ceilingMm, p.statureMm(), allowedMm);
        }
        return null;
    }

    /** SR-20: the highest strap height the client's body allows with head and shoulders on the mat, mm. */
    static double maxCeilingMm(ClientProfile p) {
        return BodyGeometry.of(p).ankleToLevelMm(0);
    }

    /** SR-2's margin over the expected load for this client: max(15 kg, 20 % of body weight), N. */
    private double marginN(ClientProfile client) {
        var l = model.limits();
        double g = RigModel.G_MPS2;
        return Math.max(l.extraLoadMarginKg() * g, l.extraLoadMarginPercentOfBody() / 100 * client.massKg() * g);
    }

    /**
     * SR-25 at client-ready: the measured strap loads must fit the profile's mass. Where the model expects
     * more than {@value #READY_MIN_EXPECTED_KG} kg on the leg ropes they must carry it within
     * +-{@value #READY_TOLERANCE} of it; anywhere, no more than SR-2 would allow (expected + max(15 kg, 20 %
     * of body weight)): a heavier client than the profile says, the wrong profile, a mis-scaled cell. The
     * reason, or null.
     */
    String loadsImplausible() {
        if (session.upright() != null) {
            return uprightLoadsImplausible();
        }
        if (session.legGroup < 0 || !session.legsTrusted()) {
            return null;
        }
        session.updateExpectedLoads();
        double expectedN = session.expectedLegLoadN();
        double measuredN = session.legLoadN();
        if (Double.isNaN(measuredN)) {
            return "the leg ropes' loads are not known yet (SR-25: they must fit the profile's mass)";
        }
        ClientProfile client = session.client();
        double g = RigModel.G_MPS2;
        boolean tooFar = expectedN > READY_MIN_EXPECTED_KG * g && Math.abs(measuredN - expectedN) > READY_TOLERANCE * expectedN;
        if (tooFar || measuredN > expectedN + marginN(client)) {
            return String.format(Locale.ROOT, "the leg ropes carry %.1f kg where a client of %.1f kg at this"
                    + " height puts %.1f kg on them (SR-25): check that this is the client's profile and mass, and the"
                    + " load cells' calibration", measuredN / g, client.massKg(), expectedN / g);
        }
        return null;
    }

    /**
     * SR-25 at client-ready, upright hang: what the client lets hang is theirs to choose, so the loads fit the
     * profile when the loops carry no more than the model's most for their height and the leg straps nothing,
     * each within SR-2's margin (expected + max(15 kg, 20 % of body weight)): more is a heavier client than the
     * profile says, someone else on the rig, or a cell that reads high. (A cell reading low cannot be told from
     * a client who stands: SR-17's calibration and SR-18's daily zero check stand for that.) The reason, or null.
     */
    private String uprightLoadsImplausible() {
        if (!loops.trusted()) {
            return null;
        }
        session.updateExpectedLoads();
        ClientProfile client = session.client();
        double g = RigModel.G_MPS2;
        double marginN = marginN(client);
        double loopsN = loops.loadN();
        double legsN = session.legGroup >= 0 ? session.legLoadN() : 0;
        if (Double.isNaN(loopsN) || Double.isNaN(legsN)) {
            return "the finger loops' and leg ropes' loads are not known yet (SR-25: they must fit the profile's mass)";
        }
        double expectedLoopsN = session.expectedLoopLoadN();
        if (loopsN > expectedLoopsN + marginN) {
            return String.format(Locale.ROOT, "the finger loops carry %.1f kg where a client of %.1f kg with"
                    + " the feet on the mat lets at most %.1f kg hang at this loop height (SR-25): check that this is"
                    + " the client's profile and mass, that no one else holds a loop, and the load cells' calibration",
                    loopsN / g, client.massKg(), expectedLoopsN / g);
        }
        if (legsN > marginN) {
            return String.format(Locale.ROOT, "the leg ropes carry %.1f kg, but client %s is attached for"
                    + " the upright hang in the finger loops (SR-25): attach for the inverted hang, or take the load"
                    + " off the straps", legsN / g, client.id());
        }
        return null;
    }

    /**
     * SR-20: whether the attached client hangs off the mat (the leg ropes carry more than {@link #OFF_THE_MAT_SHARE}
     * of their body weight, at least {@link #OFF_THE_MAT_KG}): then the client may not be changed or re-attached,
     * since that would change the ceiling of the body that hangs. (Strapping out stays possible: with no client
     * the ropes are expected to carry nothing, so a body still hanging trips SR-2.) The reason, or null.
     */
    String offTheMat() {
        ClientProfile client = session.client();
        if (client == null) {
            return null;
        }
        double limitKg = Math.max(OFF_THE_MAT_KG, OFF_THE_MAT_SHARE * client.massKg());
        if (session.upright() != null) {
            // upright: the client hangs in the finger loops; a new exercise or client would change the model of
            // the load on them (and its ceiling) under a hanging body
            double loopKg = loops.loadN() / RigModel.G_MPS2;
            if (!(loopKg <= limitKg)) {
                return String.format(Locale.ROOT, "client %s hangs in the finger loops (they carry %.1f kg)",
                        client.id(), loopKg);
            }
            return null;
        }
        if (session.legGroup < 0) {
            return null;
        }
        double legKg = session.legLoadN() / RigModel.G_MPS2;
        if (!(legKg <= limitKg)) {
            return String.format(Locale.ROOT, "client %s hangs (the leg ropes carry %.1f kg)", client.id(), legKg);
        }
        return null;
    }
}
