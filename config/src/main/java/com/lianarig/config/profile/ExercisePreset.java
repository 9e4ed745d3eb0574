package com.lianarig.config.profile;

import com.lianarig.config.SpineSegment;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * An exercise saved for a client (SPEC section 5): what to aim at, and the session program (hold
 * times starting at {@code firstHoldS} and growing by {@code holdIncreaseS} each repetition).
 *
 * @param id the preset's name within the profile
 * @param exercise inverted or upright hang
 * @param targetSegment where the traction is aimed: required for an inverted hang
 * @param loadSharePercent the rope share of body weight to reach: required for an upright hang
 * @param firstHoldS the first hold, s
 * @param holdIncreaseS how much longer each further hold is, s
 * @param repetitions holds per position
 */
public record ExercisePreset(String id, Exercise exercise, Optional<SpineSegment> targetSegment,
        OptionalDouble loadSharePercent, double firstHoldS, double holdIncreaseS, int repetitions) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    public static final double DEFAULT_FIRST_HOLD_S = 3;
    public static final double MIN_HOLD_S = 1;
    public static final double MAX_HOLD_S = 600;
    public static final double DEFAULT_HOLD_INCREASE_S = 2;
    public static final double MAX_HOLD_INCREASE_S = 60;
    public static final int DEFAULT_REPETITIONS = 3;
    public static final int MAX_REPETITIONS = 20;
    public static final double MIN_LOAD_SHARE_PERCENT = 5;
    public static final double MAX_LOAD_SHARE_PERCENT = 100;

    public ExercisePreset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(exercise, "exercise");
        Objects.requireNonNull(targetSegment, "targetSegment");
        Objects.requireNonNull(loadSharePercent, "loadSharePercent");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("preset id \"" + id + "\" is not an id");
        }
        String why = problem(exercise, targetSegment.isPresent(), loadSharePercent.isPresent());
        if (why != null) {
            throw new IllegalArgumentException("preset " + id + ": " + why);
        }
        loadSharePercent.ifPresent(p -> range("loadSharePercent", p, MIN_LOAD_SHARE_PERCENT,
                MAX_LOAD_SHARE_PERCENT));
        range("firstHoldS", firstHoldS, MIN_HOLD_S, MAX_HOLD_S);
        range("holdIncreaseS", holdIncreaseS, 0, MAX_HOLD_INCREASE_S);
        range("repetitions", repetitions, 1, MAX_REPETITIONS);
    }

    /** What an exercise needs that is missing, or null. */
    static String problem(Exercise exercise, boolean hasSegment, boolean hasLoadShare) {
        if (exercise == Exercise.INVERTED_HANG && !hasSegment) {
            return "an inverted hang is aimed at a targetSegment";
        }
        if (exercise == Exercise.UPRIGHT_HANG && !hasLoadShare) {
            return "an upright hang needs a loadSharePercent";
        }
        return null;
    }

    private static void range(String what, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + ".." + max);
        }
    }

    /** The hold of repetition {@code n} (0-based), s. */
    public double holdS(int n) {
        return firstHoldS + holdIncreaseS * n;
    }
}
