package com.lianarig.controller.core;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.Fault;
import com.lianarig.controller.safety.SafetyListener;
import com.lianarig.controller.safety.SafetyRule;
import java.util.Locale;

/**
 * The journal's records of what the safety supervisor did (faults, stops, warnings, brake releases) and of
 * each rope's passage between unloaded and loaded (maintenance: hours under load per rope).
 *
 * <p>The supervisor's listener methods run on whichever thread fed it (node owner, GPIO, control) with its
 * lock held; the journal's append hands over without a shared lock. {@link #ropeLoads} runs on the control
 * thread.
 */
final class SafetyJournal implements SafetyListener {
    /**
     * A rope counts as loaded (journalled "rope-load", for the maintenance hours under load) above
     * {@code LOADED_ON_N} and unloaded again below {@code LOADED_OFF_N}: the gap keeps noise from
     * filling the journal.
     */
    static final double LOADED_ON_N = 98;
    static final double LOADED_OFF_N = 49;

    private final RigModel model;
    private final EventLog log;
    /** Told of every latched fault (the status publisher then reads the faults again). */
    private final Runnable faultLatched;
    /** Whether each rope counts as loaded (see {@link #LOADED_ON_N}); control thread. */
    private final boolean[] ropeLoaded;

    SafetyJournal(RigModel model, EventLog log, Runnable faultLatched) {
        this.model = model;
        this.log = log;
        this.faultLatched = faultLatched;
        this.ropeLoaded = new boolean[model.ropes().size()];
    }

    /** Journals each rope's passage between unloaded and loaded (control thread; allocation-free unless one passes). */
    void ropeLoads(double[] loadsN) {
        for (int r = 0; r < loadsN.length; r++) {
            boolean loaded = ropeLoaded[r] ? !(loadsN[r] < LOADED_OFF_N) : loadsN[r] > LOADED_ON_N;
            if (Double.isNaN(loadsN[r])) {
                loaded = false;
            }
            if (loaded != ropeLoaded[r]) {
                ropeLoaded[r] = loaded;
                log.record("rope-load", Json.of("rope", model.rope(r).config().id(), "loaded", loaded,
                        "loadN", loadsN[r]));
            }
        }
    }

    @Override
    public void onFault(Fault fault) {
        faultLatched.run();
        log.record("fault", Json.of("rule", fault.rule().id(), "cause", fault.cause(), "stop", fault.stop().words(),
                "resetBy", fault.resetBy().name().toLowerCase(Locale.ROOT)));
    }

    @Override
    public void onStop(int group, SafetyRule rule, String why) {
        log.record("stop", Json.of("rule", rule.id(), "group", model.group(group).name(), "why", why));
    }

    @Override
    public void onWarning(SafetyRule rule, String what) {
        log.record("warning", Json.of("rule", rule.id(), "what", what));
    }

    @Override
    public void onBrakesReleased(int group) {
        for (int w : model.group(group).winches()) {
            log.record("brake", Json.of("event", "release", "winch", model.winch(w).config().id()));
        }
    }
}
