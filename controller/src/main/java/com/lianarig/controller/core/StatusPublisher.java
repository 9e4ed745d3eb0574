package com.lianarig.controller.core;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.controller.safety.Fault;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.controller.safety.TrackView;
import java.util.List;

/**
 * Gathers the rig's state from the control logic's parts into the {@link StatusBoard}'s draft and publishes
 * it (owner thread, at the end of every step; allocation-free unless the faults changed), so that readers on
 * any thread take it without a lock (P-3).
 */
final class StatusPublisher {
    private final StatusBoard board;
    private final StatusBoard.Draft draft;
    private final SafetySupervisor safety;
    private final TrackView tracks;
    private final ModeMachine modes;
    private final CommandPolicy policy;
    private final ClientSession session;
    private final Aiming aiming;
    private final ProgramRunner program;
    private final InvertedAlarm inverted;
    private final AlarmEscalation alarm;
    /** This step's loads, N (the controller reads them at the start of the step). */
    private final double[] loadsN;
    /** A fault latched since the last publish (any thread: the supervisor's listener). */
    private volatile boolean faultsChanged = true;
    private List<Fault> publishedFaults = List.of();

    StatusPublisher(StatusBoard board, SafetySupervisor safety, ModeMachine modes, CommandPolicy policy,
            ClientSession session, Aiming aiming, ProgramRunner program, InvertedAlarm inverted, AlarmEscalation alarm,
            double[] loadsN) {
        this.board = board;
        this.draft = board.draft();
        this.safety = safety;
        this.tracks = safety.view();
        this.modes = modes;
        this.policy = policy;
        this.session = session;
        this.aiming = aiming;
        this.program = program;
        this.inverted = inverted;
        this.alarm = alarm;
        this.loadsN = loadsN;
    }

    /** The faults may have changed (a fault latched, or a command that may have reset some): read them again. */
    void faultsChanged() {
        faultsChanged = true;
    }

    /** Publishes the state on the board: what every reader sees until the next publish. */
    void publish(long nowNanos) {
        StatusBoard.Draft d = draft;
        d.mode = modes.mode();
        d.modeReason = modes.reason();
        boolean faulted = safety.faulted();
        if (faultsChanged || faulted == publishedFaults.isEmpty()) {
            faultsChanged = false;
            publishedFaults = safety.faults();
        }
        d.faults = publishedFaults;
        d.owner = policy.owner();
        d.client = session.client();
        for (int w = 0; w < d.positionsMm.length; w++) {
            d.positionsMm[w] = tracks.positionMm(w);
            d.velocitiesMmPerS[w] = tracks.velocityMmPerS(w);
        }
        for (int r = 0; r < d.loadsKg.length; r++) {
            d.loadsKg[r] = loadsN[r] / RigModel.G_MPS2;
        }
        for (int g = 0; g < d.groupBraked.length; g++) {
            d.groupBraked[g] = tracks.groupState(g) == SafetySupervisor.GroupState.BRAKED;
        }
        d.aimed = aiming.segment();
        d.aimedHeightMm = aiming.heightMm();
        d.aimedShare = aiming.share();
        d.exercise = session.exercise();
        d.liveShare = session.upright() != null ? session.loopShare() : session.legShare();
        d.invertedS = inverted.invertedS();
        d.invertedAlarm = inverted.alarm();
        publishAlarm(d, nowNanos);
        d.programRunning = program.running();
        d.programPhase = program.phaseWord();
        d.programRepetition = program.repetition();
        d.programRepetitions = program.repetitions();
        d.programHoldS = program.holdS();
        d.programHoldElapsedS = program.holdElapsedS();
        d.enableLive = tracks.enableLive(nowNanos);
        d.newestSampleNanos = tracks.newestSampleNanos();
        board.publish(d);
    }

    /** SR-21's alarm into the draft: its level, whose, and its timers as of {@code nowNanos} (no allocation). */
    private void publishAlarm(StatusBoard.Draft d, long nowNanos) {
        AlarmLevel level = alarm.level();
        d.alarmLevel = level;
        if (level == null) {
            d.alarmClientId = null;
            d.alarmAcknowledgedBy = null;
            d.alarmSinceS = Double.NaN;
            d.alarmEscalatesInS = Double.NaN;
            return;
        }
        long escalatesAt = alarm.escalatesAtNanos();
        d.alarmClientId = alarm.clientId();
        d.alarmAcknowledgedBy = alarm.acknowledgedBy();
        d.alarmSinceS = (nowNanos - alarm.raisedAtNanos()) / 1e9;
        d.alarmEscalatesInS = escalatesAt == Long.MIN_VALUE ? Double.NaN : Math.max(0, (escalatesAt - nowNanos) / 1e9);
    }
}
