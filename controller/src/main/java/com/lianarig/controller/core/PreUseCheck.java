package com.lianarig.controller.core;

import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * SR-18's guided check: each brake holds under drive torque (BRAKE_TEST on every winch, one brake at a
 * time), every channel's zero within tolerance (no client on the ropes), and the safety chain seen to
 * trip and recover. Passed: recorded for today. Owner: the control thread.
 */
final class PreUseCheck {
    /** Brake test: torque, per mille of rated; duration, ms; movement allowed, mm. */
    static final int BRAKE_TEST_TORQUE_PERMILLE = 600;
    static final int BRAKE_TEST_DURATION_MS = 1000;
    static final double BRAKE_TEST_MAX_MOVEMENT_MM = 1.0;

    private final RigModel model;
    private final SafetySupervisor safety;
    private final ModeMachine modes;
    private final ClientSession session;
    private final EventLog log;
    private final PreUseChecks preUse;
    private final Clock wallClock;
    /** The panel in command (who is recorded as having done the check). */
    private final Supplier<String> owner;

    private String state = "not started";
    private final List<String> failures = new ArrayList<>();
    private int brakeTestsPending;
    private int nextTest;
    private boolean sawTrip;
    private boolean sawRecovery;
    private boolean running;

    PreUseCheck(RigModel model, SafetySupervisor safety, ModeMachine modes, ClientSession session, EventLog log,
            PreUseChecks preUse, Clock wallClock, Supplier<String> owner) {
        this.model = model;
        this.safety = safety;
        this.modes = modes;
        this.session = session;
        this.log = log;
        this.preUse = preUse;
        this.wallClock = wallClock;
        this.owner = owner;
    }

    Decision start(long now) {
        if (modes.mode() != Mode.HOLDING || session.present()) {
            return Decision.refuse(Refusal.WRONG_STATE, "the pre-use check runs in HOLDING with no client strapped in");
        }
        for (RigModel.RopeModel r : model.ropes()) {
            double kg = safety.view().loadN(r.index()) / RigModel.G_MPS2;
            if (!safety.view().calibrated(r.index())) {
                String why = safety.view().whyUncalibrated(r.index());
                return Decision.refuse(Refusal.CALIBRATION_MISSING, "rope " + r.config().id()
                        + " has no valid calibration (SR-17)" + (why == null ? "" : ": " + why));
            }
            if (!(Math.abs(kg) <= model.limits().zeroToleranceKg())) {
                return Decision.refuse(Refusal.OUT_OF_LIMITS, String.format(Locale.ROOT,
                        "rope %s reads %.2f kg unloaded: zero outside +-%.1f kg (tare it)", r.config().id(), kg,
                        model.limits().zeroToleranceKg()));
            }
        }
        failures.clear();
        running = true;
        sawTrip = false;
        sawRecovery = false;
        nextTest = 0;
        brakeTestsPending = 0;
        state = "testing brakes";
        return Decision.accept("pre-use check started: zeros within tolerance; testing brakes");
    }

    /** A technician waives today's check (recorded with the reason), once for that day (SR-18). */
    Decision waive(Issuer who, String reason) {
        String refused = preUse.waive(LocalDate.now(wallClock), wallClock, who.panelId(), reason);
        if (refused != null) {
            return Decision.refuse(refused.startsWith("could not") ? Refusal.INVALID : Refusal.WRONG_STATE, refused);
        }
        log.record("pre-use-check", Json.of("result", "waived", "by", who.panelId(), "reason", reason));
        return Decision.accept("pre-use check waived for today");
    }

    void step(long now) {
        if (!running) {
            return;
        }
        int tests = model.winches().size() * 2;
        if (brakeTestsPending == 0 && nextTest < tests) {
            int w = nextTest / 2;
            BrakeId brake = nextTest % 2 == 0 ? BrakeId.MOTOR : BrakeId.DRUM;
            RigModel.WinchModel wm = model.winch(w);
            safety.brakeTest(w, brake, BRAKE_TEST_TORQUE_PERMILLE, BRAKE_TEST_DURATION_MS,
                    Math.max(1, wm.countsOf(BRAKE_TEST_MAX_MOVEMENT_MM)));
            brakeTestsPending = 1;
            nextTest++;
            return;
        }
        if (brakeTestsPending > 0 || nextTest < tests) {
            return;
        }
        if (!failures.isEmpty()) {
            running = false;
            state = "failed: " + String.join("; ", failures);
            log.record("pre-use-check", Json.of("result", "failed", "failures", String.join("; ", failures)));
            return;
        }
        boolean healthy = safety.view().chainHealthy();
        if (!sawTrip) {
            state = "press a stop in the safety chain";
            sawTrip = !healthy;
            return;
        }
        if (!sawRecovery) {
            state = "release the stop and reset";
            sawRecovery = healthy && !safety.latched(SafetyRule.SR_11);
            return;
        }
        running = false;
        state = "passed " + LocalDate.now(wallClock);
        String by = owner.get();
        try {
            preUse.record(LocalDate.now(wallClock), by == null ? "unknown" : by,
                    "brakes held; zeros within tolerance; safety chain tripped and recovered");
            log.record("pre-use-check", Json.of("result", "passed"));
        } catch (IOException e) {
            state = "passed but not recorded: " + e.getMessage();
            log.record("pre-use-check", Json.of("result", "passed, not recorded", "error", e.getMessage()));
        }
    }

    void brakeResult(int winch, BrakeId brake, BrakeTestOutcome outcome, double movementMm) {
        if (!running) {
            return;
        }
        brakeTestsPending = 0;
        if (outcome != BrakeTestOutcome.HELD) {
            failures.add(String.format(Locale.ROOT, "%s %s brake %s (%.2f mm)", model.winch(winch).config().id(),
                    brake.name().toLowerCase(Locale.ROOT), outcome.name().toLowerCase(Locale.ROOT), movementMm));
        }
        log.record("brake-test", Json.of("winch", model.winch(winch).config().id(), "brake", brake.name(),
                "outcome", outcome.name(), "movementMm", movementMm));
    }

    String describe() {
        String notDone = preUse.notDoneToday(wallClock);
        String done = notDone == null ? "done today" : notDone;
        return running ? state : done + ("not started".equals(state) ? "" : " (" + state + ")");
    }
}
