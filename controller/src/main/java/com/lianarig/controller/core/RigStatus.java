package com.lianarig.controller.core;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.safety.Fault;
import java.util.List;
import java.util.Optional;

/**
 * A copy of the rig's state for readers on other threads (panels, MQTT, the terminal demo).
 *
 * @param mode the state the trainer sees
 * @param modeReason why the rig entered it
 * @param faults latched faults, each with its cause and who may reset it
 * @param controlOwner the panel in command, if any
 * @param clientId the client strapped in (opaque id), if any
 * @param clientMassKg the client's body mass, kg; NaN without a client
 * @param exercise the attached client's exercise (inverted hang in the leg straps, upright hang in the finger
 *        loops), if a client is attached
 * @param positionsMm each winch's measured position, mm
 * @param loadsKg each rope's load, kg (NaN when unknown)
 * @param aimedSegment the segment aimed at, if any
 * @param aimedHeightMm the aimed unloaded height (inverted: the straps'; upright: the loop winch's loops'), mm;
 *        NaN when none
 * @param aimedShare upright hang: the aimed share of body weight on the finger loops; NaN when none
 * @param liveSegment inverted hang: the segment the live load share puts at the bend, if a client hangs
 * @param liveShare the exercise's measured share of body weight (inverted: the leg ropes'; upright: the finger
 *        loops'); NaN without a client
 * @param invertedS continuous time inverted, s
 * @param invertedAlarm SR-21's alarm time is reached (the alarm may have been acknowledged since: see {@code alarm})
 * @param alarm SR-21's alarm, while the client is inverted past the alarm time
 * @param program what the session program does, if one runs
 * @param enableLive the enable is live (SR-10)
 * @param preUseCheck the pre-use check's state in words (SR-18)
 * @param simulated true on a virtual rig
 * @param gpio what watches the safety chain: "gpiod" (a rig), "none (bench)" (no GPIO: a simulated, always
 *        healthy contact), "virtual" (the virtual rig's), "mock (test)"
 */
public record RigStatus(Mode mode, String modeReason, List<Fault> faults, Optional<String> controlOwner,
        Optional<String> clientId, double clientMassKg, Optional<Exercise> exercise, double[] positionsMm,
        double[] loadsKg, Optional<SpineSegment> aimedSegment, double aimedHeightMm, double aimedShare,
        Optional<SpineSegment> liveSegment,
        double liveShare, double invertedS, boolean invertedAlarm, Optional<Alarm> alarm,
        Optional<ProgramStatus> program, boolean enableLive, String preUseCheck, boolean simulated, String gpio) {

    /**
     * SR-21's alarm: the client inverted past the alarm time.
     *
     * @param level alarm, escalated or acknowledged (what sounds: {@link AlarmLevel#sound()})
     * @param clientId the client inverted
     * @param sinceS time since it was raised (or raised again after an acknowledgement), s
     * @param escalatesInS time left before it escalates, s; NaN unless the level is ALARM
     * @param acknowledgedBy who acknowledged it (a panel id or "pendant"), when acknowledged
     */
    public record Alarm(AlarmLevel level, String clientId, double sinceS, double escalatesInS,
            Optional<String> acknowledgedBy) {
    }

    /**
     * A session program's progress.
     *
     * @param phase what it does now: moving-up, holding, lowering, resting, waiting-for-enable, paused, done
     * @param repetition the repetition, 1-based
     * @param repetitions how many in all
     * @param holdS the current hold's length, s
     * @param holdElapsedS time held so far in this repetition, s
     */
    public record ProgramStatus(String phase, int repetition, int repetitions, double holdS, double holdElapsedS) {
    }

    public RigStatus {
        faults = List.copyOf(faults);
        positionsMm = positionsMm.clone();
        loadsKg = loadsKg.clone();
    }

    @Override
    public double[] positionsMm() {
        return positionsMm.clone();
    }

    @Override
    public double[] loadsKg() {
        return loadsKg.clone();
    }
}
