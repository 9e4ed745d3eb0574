package com.lianarig.config.profile;

import com.lianarig.config.SpineSegment;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the rig knows about one client (SPEC section 5), under an opaque id: no name is needed or kept
 * (the studio's booking system maps its clients to these ids; no personal data goes on the bus).
 *
 * @param id opaque id, 1..64 letters, digits, '-' or '_'
 * @param statureMm standing height, {@value #MIN_STATURE_MM}..{@value #MAX_STATURE_MM} mm
 * @param massKg body mass, {@value #MIN_MASS_KG}..{@value #MAX_MASS_KG} kg
 * @param landmarkHeightsMm measured standing landmark heights above the floor, mm (any subset; each
 *     below the stature, cervicale above iliocristale above trochanterion)
 * @param segmentOffsetsMm personal strap-height offsets per target segment, within +-{@value #MAX_OFFSET_MM} mm
 * @param maxStrapHeightMm SR-20: no target or refinement puts the straps higher than this, mm (until
 *     a trainer sets it, an inverted hang has no cap to respect and is refused by the controller)
 * @param presets saved exercises, unique ids
 */
public record ClientProfile(String id, double statureMm, double massKg, Map<Landmark, Double> landmarkHeightsMm,
        Map<SpineSegment, Double> segmentOffsetsMm, OptionalDouble maxStrapHeightMm, List<ExercisePreset> presets) {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    public static final double MIN_STATURE_MM = 1000;
    public static final double MAX_STATURE_MM = 2300;
    public static final double MIN_MASS_KG = 20;
    public static final double MAX_MASS_KG = 250;
    public static final double MAX_OFFSET_MM = 150;
    public static final double MIN_MAX_STRAP_HEIGHT_MM = 200;
    public static final double MAX_MAX_STRAP_HEIGHT_MM = 3000;
    public static final int MAX_PRESETS = 50;

    public ClientProfile {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("profile id \"" + id + "\" is not 1..64 letters, digits, '-' or '_'");
        }
        range("statureMm", statureMm, MIN_STATURE_MM, MAX_STATURE_MM);
        range("massKg", massKg, MIN_MASS_KG, MAX_MASS_KG);
        EnumMap<Landmark, Double> landmarks = new EnumMap<>(Landmark.class);
        landmarks.putAll(landmarkHeightsMm);
        landmarks.forEach((l, h) -> {
            if (!(h >= 1 && h < statureMm)) {
                throw new IllegalArgumentException(l.id() + " " + h + " mm is not between 1 mm and the stature");
            }
        });
        String order = landmarkOrderProblem(landmarks);
        if (order != null) {
            throw new IllegalArgumentException(order);
        }
        EnumMap<SpineSegment, Double> offsets = new EnumMap<>(SpineSegment.class);
        offsets.putAll(segmentOffsetsMm);
        offsets.forEach((s, mm) -> range("offset of " + s.id(), mm, -MAX_OFFSET_MM, MAX_OFFSET_MM));
        Objects.requireNonNull(maxStrapHeightMm, "maxStrapHeightMm");
        maxStrapHeightMm.ifPresent(h -> range("maxStrapHeightMm", h, MIN_MAX_STRAP_HEIGHT_MM,
                MAX_MAX_STRAP_HEIGHT_MM));
        presets = List.copyOf(presets);
        if (presets.size() > MAX_PRESETS) {
            throw new IllegalArgumentException("at most " + MAX_PRESETS + " presets");
        }
        Set<String> ids = new HashSet<>();
        for (ExercisePreset p : presets) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("preset id " + p.id() + " is used twice");
            }
        }
        landmarkHeightsMm = Collections.unmodifiableMap(landmarks);
        segmentOffsetsMm = Collections.unmodifiableMap(offsets);
    }

    /** A new profile with only stature and mass. */
    public static ClientProfile of(String id, double statureMm, double massKg) {
        return new ClientProfile(id, statureMm, massKg, Map.of(), Map.of(), OptionalDouble.empty(), List.of());
    }

    /** Why measured landmarks are out of order (top to bottom), or null. */
    static String landmarkOrderProblem(Map<Landmark, Double> landmarks) {
        Landmark above = null;
        for (Landmark l : Landmark.values()) {
            Double h = landmarks.get(l);
            if (h == null) {
                continue;
            }
            if (above != null && !(h < landmarks.get(above))) {
                return l.id() + " " + h + " mm is not below " + above.id() + " " + landmarks.get(above) + " mm";
            }
            above = l;
        }
        return null;
    }

    private static void range(String what, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(what + " " + v + " is outside " + min + ".." + max);
        }
    }

    /** The personal offset for a segment, mm (0 when none is saved). */
    public double offsetMm(SpineSegment segment) {
        return segmentOffsetsMm.getOrDefault(segment, 0.0);
    }

    /** This profile with a segment's personal offset saved (the trainer's nudge, SPEC section 5). */
    public ClientProfile withOffset(SpineSegment segment, double offsetMm) {
        EnumMap<SpineSegment, Double> offsets = new EnumMap<>(SpineSegment.class);
        offsets.putAll(segmentOffsetsMm);
        offsets.put(segment, offsetMm);
        return new ClientProfile(id, statureMm, massKg, landmarkHeightsMm, offsets, maxStrapHeightMm, presets);
    }

    /** This profile with the SR-20 maximum strap height set. */
    public ClientProfile withMaxStrapHeightMm(double heightMm) {
        return new ClientProfile(id, statureMm, massKg, landmarkHeightsMm, segmentOffsetsMm,
                OptionalDouble.of(heightMm), presets);
    }

    /** This profile with a preset added or replaced (by id). */
    public ClientProfile withPreset(ExercisePreset preset) {
        List<ExercisePreset> list = new java.util.ArrayList<>(presets.stream()
                .filter(p -> !p.id().equals(preset.id())).toList());
        list.add(preset);
        return new ClientProfile(id, statureMm, massKg, landmarkHeightsMm, segmentOffsetsMm, maxStrapHeightMm, list);
    }

    /** The preset with this id. */
    public Optional<ExercisePreset> preset(String presetId) {
        return presets.stream().filter(p -> p.id().equals(presetId)).findFirst();
    }
}
