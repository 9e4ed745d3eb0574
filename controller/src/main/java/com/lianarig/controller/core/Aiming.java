package com.lianarig.controller.core;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.aiming.GeometricEstimate;
import com.lianarig.controller.aiming.HeightProposal;
import com.lianarig.controller.aiming.HeightRefiner;
import com.lianarig.controller.aiming.RefinementTarget;
import com.lianarig.controller.aiming.RefinerSettings;
import com.lianarig.controller.aiming.StrapGeometry;
import com.lianarig.controller.aiming.UprightShareModel;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetySupervisor;
import java.io.IOException;
import java.util.Locale;

/**
 * Aiming the traction at a spine segment (SPEC section 5): the geometric height, the move there, the
 * refinement from the measured load share once the loads have settled (bounded, never above SR-20, each
 * step a motion that needs the enable: SR-10), and the trainer's nudge saved as the client's offset.
 *
 * <p>In the upright hang, aiming is reaching a target load share on the finger loops: the loop winch moves
 * to the height where {@link UprightShareModel} expects that share (an upper bound of what a client lets
 * hang, so the first move comes from the light side), then, once the loads have settled, steps toward the
 * measured share (each step at most {@value #UPRIGHT_MAX_STEP_MM} mm, within the loop winch's soft limits
 * and below the client's standing reach), until it is within {@value #UPRIGHT_SHARE_DEADBAND} of body
 * weight. Owner: the control thread.
 */
final class Aiming {
    /** Loads settle this long at an aimed height before the refinement reads the share, ns. */
    static final long REFINE_SETTLE_NANOS = 1_500_000_000L;
    /** Refinement steps before it gives up converging. */
    static final int MAX_REFINE_STEPS = 12;
    /** Upright: the measured share counts as reached within this much of body weight. */
    static final double UPRIGHT_SHARE_DEADBAND = 0.02;
    /** Upright: one refinement step moves the loop winch at most this far, mm. */
    static final double UPRIGHT_MAX_STEP_MM = 60;

    private final RigModel model;
    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final EventLog log;
    private final ProfileStore profileStore;
    private final ClientSession session;
    private final GroupMotion motion;
    private final HeightRefiner refiner;

    private SpineSegment aimedSegment;
    /** Upright: the aimed share of body weight on the finger loops; NaN when none. */
    private double aimedShare = Double.NaN;
    /** The group the aim moves (the leg pair, or the loop winch upright). */
    private int aimedGroup = -1;
    private double aimedHeightMm = Double.NaN;
    private boolean refining;
    private int refineSteps;
    private long refineAtNanos;

    Aiming(RigModel model, SafetySupervisor safety, ModeMachine modes, EventLog log, ProfileStore profileStore,
            ClientSession session, GroupMotion motion) {
        this.model = model;
        this.safety = safety;
        this.modes = modes;
        this.log = log;
        this.profileStore = profileStore;
        this.session = session;
        this.motion = motion;
        this.refiner = new HeightRefiner(new RefinerSettings(RefinerSettings.DEFAULT_MAX_STEP_MM,
                model.limits().refinementBoundMm(), RefinerSettings.DEFAULT_DEADBAND_MM));
    }

    SpineSegment segment() {
        return aimedSegment;
    }

    /** Upright: the aimed share of body weight on the finger loops, NaN when none. */
    double share() {
        return aimedShare;
    }

    double heightMm() {
        return aimedHeightMm;
    }

    /** A new client (or none): nothing is aimed. */
    void forget() {
        aimedSegment = null;
        aimedShare = Double.NaN;
        aimedHeightMm = Double.NaN;
        refining = false;
    }

    /** Motion was stopped or aborted: the refinement stops too. */
    void stopRefining() {
        refining = false;
    }

    /** The aim's move arrived: the refinement starts once the loads have settled. */
    void arrived() {
        refining = true;
        refineAtNanos = Long.MIN_VALUE;
    }

    Decision aim(SpineSegment segment, long now, Purpose why) {
        ClientProfile client = session.client();
        if (client == null || !session.ready()) {
            return Decision.refuse(Refusal.NO_CLIENT, "aiming needs a client strapped in (READY)");
        }
        if (session.exercise() != Exercise.INVERTED_HANG) {
            return Decision.refuse(Refusal.WRONG_STATE, "client " + client.id() + " is attached for the upright hang:"
                    + " aim at a load share on the finger loops (aim-share), or attach again for the inverted hang");
        }
        int g = session.legGroup;
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no leg-strap pair");
        }
        Mode mode = modes.mode();
        if (mode != Mode.READY && !(mode == Mode.MOVING || mode == Mode.PROGRAM)) {
            return Decision.refuse(Refusal.WRONG_STATE, "aiming needs READY, not " + mode);
        }
        double heightMm = GeometricEstimate.of(client, segment, strap()).setPointHeightMm();
        aimedSegment = segment;
        aimedShare = Double.NaN;
        aimedGroup = g;
        aimedHeightMm = Math.min(heightMm, client.maxStrapHeightMm().orElse(Double.POSITIVE_INFINITY));
        refining = false;
        refineSteps = 0;
        Decision d = motion.moveGroup(g, aimedHeightMm - motion.baseHeightMm(g), why, now);
        if (d.accepted()) {
            log.record("aim", Json.of("segment", segment.id(), "heightMm", aimedHeightMm, "client", client.id()));
        }
        return d;
    }

    /**
     * Upright hang: aim at a share of body weight on the finger loops (0..1): move the loop winch to the model's
     * height for it (clamped into its soft limits and below the client's standing reach), then refine.
     */
    Decision aimShare(double share, long now, Purpose why) {
        ClientProfile client = session.client();
        if (client == null || !session.ready()) {
            return Decision.refuse(Refusal.NO_CLIENT, "aiming needs a client in the loops (READY)");
        }
        UprightShareModel m = session.upright();
        if (m == null) {
            return Decision.refuse(Refusal.WRONG_STATE, "client " + client.id() + " is attached for the inverted hang:"
                    + " aim at a segment (aim), or attach again for the upright hang");
        }
        int g = session.loopGroup;
        if (g < 0) {
            return Decision.refuse(Refusal.UNKNOWN_TARGET, "this rig has no finger loop on a winch to aim with");
        }
        if (share > UprightShareModel.HANG_MAX_SHARE) {
            return Decision.refuse(Refusal.OUT_OF_LIMITS, String.format(Locale.ROOT, "%.0f %% of body weight is more"
                    + " than hangs with the feet on the mat (at most %.1f %%)", share * 100,
                    UprightShareModel.HANG_MAX_SHARE * 100));
        }
        Mode mode = modes.mode();
        if (mode != Mode.READY && !(mode == Mode.MOVING || mode == Mode.PROGRAM)) {
            return Decision.refuse(Refusal.WRONG_STATE, "aiming needs READY, not " + mode);
        }
        double heightMm = session.loops.winchHeightForMeanMm(m.heightForShare(share));
        aimedSegment = null;
        aimedShare = share;
        aimedGroup = g;
        aimedHeightMm = heightMm;
        refining = false;
        refineSteps = 0;
        Decision d = motion.moveGroup(g, heightMm - motion.baseHeightMm(g), why, now);
        if (d.accepted()) {
            log.record("aim", Json.of("loadShare", share, "heightMm", heightMm, "client", client.id(), "exercise",
                    Exercise.UPRIGHT_HANG.id()));
        }
        return d;
    }

    /** The leg straps' geometry: offset 0 (the strap at the ankle), both ropes' stiffness, weight tared out. */
    private StrapGeometry strap() {
        RigModel.RopeModel leg = model.ropes().stream().filter(RigModel.RopeModel::legStrap).findFirst().orElseThrow();
        return new StrapGeometry(0, leg.config().stiffnessNPerMm(), 2, 0);
    }

    Decision saveOffset() {
        ClientProfile client = session.client();
        if (client == null || aimedSegment == null || modes.mode() != Mode.READY) {
            return Decision.refuse(Refusal.WRONG_STATE, "save an offset in READY after aiming at a segment");
        }
        int g = session.legGroup;
        double nowHeightMm = safety.view().positionMm(model.group(g).winches()[0]) + motion.baseHeightMm(g);
        double estimateMm = GeometricEstimate.of(client.withOffset(aimedSegment, 0), aimedSegment,
                strap()).setPointHeightMm();
        double offsetMm = Math.max(-ClientProfile.MAX_OFFSET_MM, Math.min(ClientProfile.MAX_OFFSET_MM,
                nowHeightMm - estimateMm));
        ClientProfile updated = client.withOffset(aimedSegment, offsetMm);
        try {
            profileStore.save(updated);
        } catch (IOException e) {
            return Decision.refuse(Refusal.INVALID, "could not save client profile: " + e.getMessage());
        }
        session.updated(updated);
        log.record("offset", Json.of("client", updated.id(), "segment", aimedSegment.id(), "offsetMm", offsetMm));
        return Decision.accept(String.format(Locale.ROOT, "offset %.1f mm saved for %s", offsetMm, aimedSegment.id()));
    }

    /** The refinement (owner thread, every step): once settled, one bounded move toward the target share. */
    void step(long now) {
        ClientProfile client = session.client();
        if (!refining || client == null || aimedSegment == null && Double.isNaN(aimedShare)) {
            return;
        }
        int g = aimedGroup;
        if (!safety.view().enableLive(now)) {
            // SR-10 / I-1: refinement is motion under the aim's live enable; once the enable went, it is over (an
            // enable never starts it again by itself)
            refining = false;
            log.record("aim-refined", Json.of(aimedSegment != null ? "segment" : "aim", aimName(), "ended",
                    "the enable was let go"));
            return;
        }
        if (motion.active(g)) {
            return;
        }
        if (refineAtNanos == Long.MIN_VALUE) {
            refineAtNanos = now + REFINE_SETTLE_NANOS;
            return;
        }
        if (now < refineAtNanos) {
            return;
        }
        if (aimedSegment == null) {
            stepUpright(g, now);
            return;
        }
        double share = session.legShare();
        if (!Double.isFinite(share)) {
            refining = false;
            return;
        }
        double heightMm = safety.view().positionMm(model.group(g).winches()[0]) + motion.baseHeightMm(g);
        RefinementTarget target = RefinementTarget.of(client, aimedSegment, aimedHeightMm,
                motion.lowEndMm(g) + motion.baseHeightMm(g), motion.softHighMm(g) + motion.baseHeightMm(g));
        HeightProposal proposal = refiner.propose(target, heightMm, share);
        refineSteps++;
        if (Math.abs(proposal.moveMm()) < 0.5 || refineSteps > MAX_REFINE_STEPS) {
            refining = false;
            log.record("aim-refined", Json.of("segment", aimedSegment.id(), "heightMm", heightMm, "share", share,
                    "steps", refineSteps, "heldByLimit", proposal.heldByLimit()));
            return;
        }
        Decision d = motion.moveGroup(g, proposal.heightMm() - motion.baseHeightMm(g), Purpose.AIM, now);
        if (!d.accepted()) {
            refining = false;
        }
        refineAtNanos = Long.MIN_VALUE;
    }

    /**
     * Upright: one step toward the aimed share from the measured one, by the model's gradient (steeper than a
     * real client's, so a step falls short rather than overshooting into more load), at most
     * {@value #UPRIGHT_MAX_STEP_MM} mm, within the loop winch's ends (soft limits, standing reach).
     */
    private void stepUpright(int g, long now) {
        double share = session.loopShare();
        UprightShareModel m = session.upright();
        if (!Double.isFinite(share) || m == null) {
            refining = false;
            return;
        }
        double winchMm = safety.view().positionMm(model.group(g).winches()[0]);
        double errorShare = aimedShare - share;
        double moveMm = -errorShare / (m.shareGradientPerMm() * session.loops.meanPerWinchMm());
        moveMm = Math.max(-UPRIGHT_MAX_STEP_MM, Math.min(UPRIGHT_MAX_STEP_MM, moveMm));
        double targetMm = Math.max(motion.lowEndMm(g), Math.min(motion.highEndMm(g), winchMm + moveMm));
        refineSteps++;
        boolean reached = Math.abs(errorShare) <= UPRIGHT_SHARE_DEADBAND;
        boolean heldByLimit = !reached && Math.abs(targetMm - winchMm) < 0.5;
        if (reached || heldByLimit || refineSteps > MAX_REFINE_STEPS) {
            refining = false;
            log.record("aim-refined", Json.of("aim", aimName(), "heightMm", winchMm + motion.baseHeightMm(g),
                    "share", share, "steps", refineSteps, "heldByLimit", heldByLimit));
            return;
        }
        Decision d = motion.moveGroup(g, targetMm, Purpose.AIM, now);
        if (!d.accepted()) {
            refining = false;
        }
        refineAtNanos = Long.MIN_VALUE;
    }

    /** The aim in words for the journal: the segment, or the share upright. */
    private String aimName() {
        return aimedSegment != null ? aimedSegment.id()
                : String.format(Locale.ROOT, "%.0f %% on the finger loops", aimedShare * 100);
    }
}
