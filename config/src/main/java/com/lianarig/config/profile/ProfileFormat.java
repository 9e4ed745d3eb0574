package com.lianarig.config.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.lianarig.config.ConfigException;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.yaml.Documents;
import com.lianarig.config.yaml.ObjectReader;
import com.lianarig.config.yaml.Problems;
import com.lianarig.config.yaml.TextRule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A client profile file: YAML, written by the software, readable and editable by people.
 *
 * <pre>
 * formatVersion: 1
 * id: c-0042                  # opaque: no names
 * statureMm: 1750
 * massKg: 70
 * landmarkHeightsMm:          # optional, measured standing
 *   cervicale: 1500
 *   iliocristale: 1040
 * segmentOffsetsMm:           # optional, the trainer's saved nudges, +-150
 *   L4-L5: 20
 * maxStrapHeightMm: 1650      # SR-20; optional until set
 * presets:
 *   - id: lower-back
 *     exercise: inverted-hang # or upright-hang (with loadSharePercent)
 *     targetSegment: L4-L5
 *     firstHoldS: 3
 *     holdIncreaseS: 2
 *     repetitions: 3
 * </pre>
 */
final class ProfileFormat {
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TextRule ID = TextRule.matching(ClientProfile.ID.pattern(),
            "an opaque id (1..64 letters, digits, '-' or '_')");
    private static final TextRule PRESET_ID = TextRule.matching(ExercisePreset.ID.pattern(),
            "an id (1..32 letters, digits, '-' or '_')");

    private ProfileFormat() {
    }

    static byte[] write(ClientProfile p) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("id", p.id());
        root.put("statureMm", p.statureMm());
        root.put("massKg", p.massKg());
        if (!p.landmarkHeightsMm().isEmpty()) {
            ObjectNode l = root.putObject("landmarkHeightsMm");
            p.landmarkHeightsMm().forEach((k, v) -> l.put(k.id(), v));
        }
        if (!p.segmentOffsetsMm().isEmpty()) {
            ObjectNode o = root.putObject("segmentOffsetsMm");
            p.segmentOffsetsMm().forEach((k, v) -> o.put(k.id(), v));
        }
        p.maxStrapHeightMm().ifPresent(h -> root.put("maxStrapHeightMm", h));
        if (!p.presets().isEmpty()) {
            ArrayNode list = root.putArray("presets");
            for (ExercisePreset e : p.presets()) {
                ObjectNode n = list.addObject();
                n.put("id", e.id());
                n.put("exercise", e.exercise().id());
                e.targetSegment().ifPresent(s -> n.put("targetSegment", s.id()));
                e.loadSharePercent().ifPresent(s -> n.put("loadSharePercent", s));
                n.put("firstHoldS", e.firstHoldS());
                n.put("holdIncreaseS", e.holdIncreaseS());
                n.put("repetitions", e.repetitions());
            }
        }
        try {
            return YAML.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /**
     * Reads a profile file.
     *
     * @param file the file's name for messages
     * @param expectedId the id the file is named for
     */
    static ClientProfile read(byte[] bytes, String file, String expectedId) throws ConfigException {
        return Documents.read(bytes, file, Documents.Format.YAML, "a client profile", o -> profile(o, expectedId));
    }

    private static ClientProfile profile(ObjectReader o, String expectedId) {
        o.formatVersion(FORMAT_VERSION, "the file format, " + FORMAT_VERSION);
        String id = o.text("id", ID, "the client's opaque id");
        if (id != null && expectedId != null && !id.equals(expectedId)) {
            o.error("id", "is not the id this file is named for (" + Problems.quote(expectedId) + ")");
        }
        double stature = o.number("statureMm", ClientProfile.MIN_STATURE_MM, ClientProfile.MAX_STATURE_MM, "mm");
        double mass = o.number("massKg", ClientProfile.MIN_MASS_KG, ClientProfile.MAX_MASS_KG, "kg");
        Map<Landmark, Double> landmarks = new EnumMap<>(Landmark.class);
        o.optionalObject("landmarkHeightsMm", "a mapping of landmark to height").ifPresent(l -> l.build(x -> {
            for (Landmark m : Landmark.values()) {
                x.optionalNumber(m.id(), 1, ClientProfile.MAX_STATURE_MM, "mm").ifPresent(h -> landmarks.put(m, h));
            }
            for (Landmark m : landmarks.keySet()) {
                if (!Double.isNaN(stature) && landmarks.get(m) >= stature) {
                    x.error(m.id(), "is not below statureMm " + Problems.number(stature));
                }
            }
            String order = x.clean() ? ClientProfile.landmarkOrderProblem(landmarks) : null;
            if (order != null) {
                x.error(order);
            }
            return Boolean.TRUE;
        }));
        Map<SpineSegment, Double> offsets = new EnumMap<>(SpineSegment.class);
        o.optionalObject("segmentOffsetsMm", "a mapping of spine segment id (" + SpineSegment.ids()
                + ") to offset").ifPresent(s -> s.build(x -> {
                    for (SpineSegment seg : SpineSegment.values()) {
                        x.optionalNumber(seg.id(), -ClientProfile.MAX_OFFSET_MM, ClientProfile.MAX_OFFSET_MM, "mm")
                                .ifPresent(mm -> offsets.put(seg, mm));
                    }
                    return Boolean.TRUE;
                }));
        OptionalDouble maxStrap = o.optionalNumber("maxStrapHeightMm", ClientProfile.MIN_MAX_STRAP_HEIGHT_MM,
                ClientProfile.MAX_MAX_STRAP_HEIGHT_MM, "mm");
        List<ExercisePreset> presets = new ArrayList<>();
        for (ObjectReader p : o.objects("presets", false, 0, ClientProfile.MAX_PRESETS, "a preset")) {
            presets.add(p == null ? null : p.build(ProfileFormat::preset));
        }
        for (int i = 0; i < presets.size(); i++) {
            for (int j = 0; j < i; j++) {
                ExercisePreset a = presets.get(i);
                ExercisePreset b = presets.get(j);
                if (a != null && b != null && a.id().equals(b.id())) {
                    o.problems().addRendered(o.path("presets") + "[" + i + "].id", Problems.quote(a.id()),
                            "is already the id of presets[" + j + "]");
                }
            }
        }
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new ClientProfile(id, stature, mass, landmarks, offsets, maxStrap, presets));
    }

    private static ExercisePreset preset(ObjectReader o) {
        String id = o.text("id", PRESET_ID, "the preset's name");
        Exercise exercise = o.choice("exercise", Exercise.class);
        Optional<SpineSegment> segment = o.optionalText("targetSegment", t -> SpineSegment.find(t).isPresent() ? null
                : "is not a spine segment id (" + SpineSegment.ids() + ")", "a spine segment id")
                .map(SpineSegment::fromId);
        OptionalDouble share = o.optionalNumber("loadSharePercent", ExercisePreset.MIN_LOAD_SHARE_PERCENT,
                ExercisePreset.MAX_LOAD_SHARE_PERCENT, "%");
        double first = o.number("firstHoldS", ExercisePreset.DEFAULT_FIRST_HOLD_S, ExercisePreset.MIN_HOLD_S,
                ExercisePreset.MAX_HOLD_S, "s");
        double increase = o.number("holdIncreaseS", ExercisePreset.DEFAULT_HOLD_INCREASE_S, 0,
                ExercisePreset.MAX_HOLD_INCREASE_S, "s");
        long reps = o.integer("repetitions", ExercisePreset.DEFAULT_REPETITIONS, 1, ExercisePreset.MAX_REPETITIONS, "");
        if (!o.clean()) {
            return null;
        }
        String why = ExercisePreset.problem(exercise, segment.isPresent(), share.isPresent());
        if (why != null) {
            o.error(why);
            return null;
        }
        return o.construct(() -> new ExercisePreset(id, exercise, segment, share, first, increase, (int) reps));
    }
}
