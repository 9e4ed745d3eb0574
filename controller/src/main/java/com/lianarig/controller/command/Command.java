package com.lianarig.controller.command;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.ExercisePreset;
import java.util.Locale;
import java.util.Objects;

/**
 * What can be asked of the rig (the command model, independent of MQTT): the wired pendant, the MQTT
 * panels and the tests all send these to {@code RigController.submit}. Immutable; each validates its
 * own fields (SR-16); whether it may run now is the controller's decision, with a specific
 * {@link Refusal} when not.
 */
public sealed interface Command {

    /** A short name for journals and replies, e.g. "move-to". */
    String name();

    /** Take control: this panel becomes the one in command (SPEC section 1). */
    record TakeControl() implements Command {
        public String name() {
            return "take-control";
        }
    }

    /**
     * A panel says it is still there (SR-24: panels send one every second; the panel in command lapses
     * after its configured silence). Changes nothing else; accepted from any configured panel.
     */
    record Heartbeat() implements Command {
        public String name() {
            return "heartbeat";
        }
    }

    /**
     * SR-21: a person attends to the client inverted too long: the alarm's sound stops (at the rig and on
     * the panels) and it does not escalate; it sounds again if the client is still inverted after another
     * alarm time. Moves nothing; accepted from any configured panel and the wired pendant, in any state.
     */
    record AcknowledgeAlarm() implements Command {
        public String name() {
            return "acknowledge-alarm";
        }
    }

    /**
     * A trainer's short note for the attached client's session history (SPEC section 5), e.g. "pain at L5,
     * stopped": one line of 1..{@value #NOTE_MAX_CHARS} characters. Personal data: kept with the client's
     * profile and shown to panels only, never journalled or published to studio systems.
     */
    record Note(String text) implements Command {
        public Note {
            Objects.requireNonNull(text, "text");
            String why = com.lianarig.config.profile.SessionRecord.noteProblem(text);
            if (why != null) {
                throw new IllegalArgumentException("a note " + why);
            }
        }

        public String name() {
            return "note";
        }

        /** Never the text: it is personal data, and this string may be logged. */
        @Override
        public String toString() {
            return "Note[" + text.length() + " characters]";
        }
    }

    /** A note's longest text, characters. */
    int NOTE_MAX_CHARS = com.lianarig.config.profile.SessionRecord.MAX_NOTE_CHARS;

    /** Give control back. */
    record ReleaseControl() implements Command {
        public String name() {
            return "release-control";
        }
    }

    /** Stop all motion now (category 1). Accepted from any panel, in any state. */
    record Stop() implements Command {
        public String name() {
            return "stop";
        }
    }

    /** Reset latched faults whose cause is gone, within the issuer's role. */
    record Reset() implements Command {
        public String name() {
            return "reset";
        }
    }

    /** A hold-to-run enable refresh (SR-10): {@code held} false lets go at once. */
    record Enable(boolean held) implements Command {
        public String name() {
            return "enable";
        }
    }

    /**
     * Start strapping a client in (ATTACHING) for an exercise: the profile sets the body mass and the exercise's
     * ceiling (SR-20 for the inverted hang, the standing reach for the upright hang); the exercise chooses the
     * expected-load model of SR-2, SR-6, SR-20, SR-25 and the group SR-5 slows.
     *
     * @param exercise the inverted hang in the leg straps (the default) or the upright hang in the finger loops
     */
    record Attach(String clientId, Exercise exercise) implements Command {
        public Attach {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(exercise, "exercise");
        }

        /** Attach for the inverted hang. */
        public Attach(String clientId) {
            this(clientId, Exercise.INVERTED_HANG);
        }

        public String name() {
            return "attach";
        }
    }

    /** Strapped in: go READY (needs the client's mass, calibrations and today's pre-use check). */
    record ClientReady() implements Command {
        public String name() {
            return "client-ready";
        }
    }

    /** Strap out (READY to ATTACHING), then, from ATTACHING, forget the client (HOLDING). */
    record Detach() implements Command {
        public String name() {
            return "detach";
        }
    }

    /** Aim the traction at a segment: move the leg pair to the aimed height, then refine (needs enable). */
    record AimAt(SpineSegment segment) implements Command {
        public AimAt {
            Objects.requireNonNull(segment, "segment");
        }

        public String name() {
            return "aim";
        }
    }

    /**
     * Upright hang: move the finger-loop winch until the loops carry this share of the client's body weight, then
     * refine from the measured loads (needs enable), never above the client's standing reach.
     *
     * @param loadSharePercent {@value ExercisePreset#MIN_LOAD_SHARE_PERCENT}..the most that hangs with the feet on
     *     the mat (checked by the controller)
     */
    record AimShare(double loadSharePercent) implements Command {
        public AimShare {
            if (!(loadSharePercent >= ExercisePreset.MIN_LOAD_SHARE_PERCENT
                    && loadSharePercent <= ExercisePreset.MAX_LOAD_SHARE_PERCENT)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "loadSharePercent must be %.0f..%.0f %% of body weight, not %s",
                        ExercisePreset.MIN_LOAD_SHARE_PERCENT, ExercisePreset.MAX_LOAD_SHARE_PERCENT, loadSharePercent));
            }
        }

        public String name() {
            return "aim-share";
        }
    }

    /**
     * Move a group to an unloaded strap height above the mat (needs enable).
     *
     * @param group the group's name (the pair's name, or a single winch's id)
     * @param heightMm unloaded strap (or loop) height above the mat, mm
     */
    record MoveTo(String group, double heightMm) implements Command {
        public MoveTo {
            Objects.requireNonNull(group, "group");
            if (!Double.isFinite(heightMm)) {
                throw new IllegalArgumentException("heightMm must be a finite number of mm");
            }
        }

        public String name() {
            return "move-to";
        }
    }

    /** Hold-to-run jog of a group: UP or DOWN while enable is held; NONE ends it. */
    record Jog(String group, Direction direction) implements Command {
        public enum Direction {
            UP,
            DOWN,
            NONE
        }

        public Jog {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(direction, "direction");
        }

        public String name() {
            return "jog";
        }
    }

    /** SR-19 rescue descent of the leg pair at the rescue speed, while {@code held} and enable live. */
    record RescueDescent(boolean held) implements Command {
        public String name() {
            return "rescue";
        }
    }

    /** Save the current strap height's difference from the aimed estimate as the client's offset for the segment. */
    record SaveOffset() implements Command {
        public String name() {
            return "save-offset";
        }
    }

    /** Start a session program on the aimed segment (SPEC section 5); {@code presetId} empty for the defaults. */
    record ProgramStart(SpineSegment segment, String presetId) implements Command {
        public ProgramStart {
            Objects.requireNonNull(segment, "segment");
            Objects.requireNonNull(presetId, "presetId");
        }

        public String name() {
            return "program-start";
        }
    }

    record ProgramPause() implements Command {
        public String name() {
            return "program-pause";
        }
    }

    record ProgramResume() implements Command {
        public String name() {
            return "program-resume";
        }
    }

    record ProgramStop() implements Command {
        public String name() {
            return "program-stop";
        }
    }

    /** SR-18 pre-use check: start it (brake tests run; zeros read; the safety chain must be seen to trip and recover). */
    record PreUseCheckStart() implements Command {
        public String name() {
            return "pre-use-check-start";
        }
    }

    /** SR-18: a technician waives today's pre-use check (journalled with who). */
    record PreUseCheckWaive(String reason) implements Command {
        public PreUseCheckWaive {
            Objects.requireNonNull(reason, "reason");
            if (reason.isBlank() || reason.length() > 200) {
                throw new IllegalArgumentException("a waiver needs a reason of 1..200 characters");
            }
        }

        public String name() {
            return "pre-use-check-waive";
        }
    }

    /** SR-19: a technician accepts the current encoder reading of a group's winches as {@code positionMm}. */
    record Reference(String group, double positionMm) implements Command {
        public Reference {
            Objects.requireNonNull(group, "group");
            if (!Double.isFinite(positionMm)) {
                throw new IllegalArgumentException("positionMm must be a finite number of mm");
            }
        }

        public String name() {
            return "reference";
        }
    }
}
