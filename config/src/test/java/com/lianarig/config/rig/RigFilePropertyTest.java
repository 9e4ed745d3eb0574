package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.exampleText;
import static com.lianarig.config.rig.RigFiles.rope;
import static com.lianarig.config.rig.RigFiles.yaml;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R-1 for the rig file: seeded random mutations of the example (keys deleted, values replaced by
 * random values of random types, unknown keys added, entries duplicated or dropped, the text itself
 * cut and spliced) never make the loader throw anything but a {@link ConfigException}, and never make
 * it accept a limit beyond its range or a rope limit above its rated working load. Each case is
 * reproducible from its seed.
 */
class RigFilePropertyTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCALAR_CHARS = "abcXYZ019-_ ./:#&*!|>'\"%@`[]{},?\t\u00e9\u4e2d";

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomTreeMutationsAreRejectedCleanlyOrLoadWithinCaps(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ObjectNode rig = example();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(rig, random);
        }
        check(seed, yaml(rig));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void randomTextEditsAreRejectedCleanlyOrLoadWithinCaps(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        StringBuilder text = new StringBuilder(exampleText());
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            editText(text, random);
        }
        check(seed, text.toString());
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aLimitBeyondItsRangeIsAlwaysRejectedAtItsPath(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LimitSpec spec = LimitSpec.values()[random.nextInt(LimitSpec.values().length)];
        double span = spec.max() - spec.min();
        double distance = random.nextBoolean() ? random.nextDouble(1e-6, span) : random.nextDouble(1, 1e9);
        double value = random.nextBoolean() ? spec.max() + distance : spec.min() - distance;
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put(spec.key(), value);
        List<ConfigError> errors = assertThrows(ConfigException.class, () -> RigFiles.load(rig),
                () -> "seed " + seed + ": " + spec.key() + " = " + value + " was accepted").errors();
        errorAt(errors, "limits." + spec.key(), "");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aRopeLimitAboveItsRatedWorkingLoadIsAlwaysRejected(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int i = random.nextInt(4);
        ObjectNode rig = example();
        double rated = random.nextDouble(RopeConfig.MIN_RATED_WORKING_LOAD_KG, RopeConfig.MAX_RATED_WORKING_LOAD_KG);
        rope(rig, i).put("ratedWorkingLoadKg", rated);
        rope(rig, i).put("limitKg", rated + random.nextDouble(1e-3, 1000));
        List<ConfigError> errors = assertThrows(ConfigException.class, () -> RigFiles.load(rig)).errors();
        errorAt(errors, "ropes[" + i + "].limitKg", "is above the rope's ratedWorkingLoadKg");
    }

    /** Loads the text: a ConfigException with sensible errors, or a rig within every cap; nothing else. */
    private static void check(long seed, String text) {
        try {
            RigConfig rig = RigFiles.load(text);
            for (LimitSpec s : LimitSpec.values()) {
                double v = rig.limits().get(s);
                assertTrue(v >= s.min() && v <= s.max(), () -> "seed " + seed + " accepted " + s.key() + " = " + v);
            }
            for (RopeConfig r : rig.ropes()) {
                assertTrue(r.limitKg() <= r.ratedWorkingLoadKg(), () -> "seed " + seed + " accepted " + r);
            }
        } catch (ConfigException e) {
            assertFalse(e.errors().isEmpty());
            for (ConfigError err : e.errors()) {
                assertFalse(err.rule().isBlank(), () -> "seed " + seed + ": blank rule in " + err);
                assertFalse(err.message().contains("Exception"), () -> "seed " + seed + ": " + err.message());
            }
        } catch (Throwable t) {
            fail("seed " + seed + " threw " + t + " on:\n" + text, t);
        }
    }

    // ---- tree mutations

    private record Slot(JsonNode parent, String key, int index) {
    }

    private static void mutate(ObjectNode root, SplittableRandom random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        Slot s = slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(5)) {
            case 0 -> delete(s);
            case 1, 2 -> replace(s, randomValue(random, 0));
            case 3 -> {
                JsonNode target = value(s);
                if (target instanceof ObjectNode o) {
                    o.set(randomText(random, 1 + random.nextInt(10)), randomValue(random, 0));
                } else {
                    replace(s, randomValue(random, 0));
                }
            }
            default -> {
                if (s.parent() instanceof ArrayNode a) {
                    a.insert(s.index(), value(s).deepCopy());
                } else {
                    delete(s);
                }
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            Iterator<String> names = o.fieldNames();
            while (names.hasNext()) {
                String k = names.next();
                out.add(new Slot(o, k, -1));
                collect(o.get(k), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    private static JsonNode value(Slot s) {
        return s.key() != null ? s.parent().get(s.key()) : s.parent().get(s.index());
    }

    private static void delete(Slot s) {
        if (s.parent() instanceof ObjectNode o) {
            o.remove(s.key());
        } else {
            ((ArrayNode) s.parent()).remove(s.index());
        }
    }

    private static void replace(Slot s, JsonNode v) {
        if (s.parent() instanceof ObjectNode o) {
            o.set(s.key(), v);
        } else {
            ((ArrayNode) s.parent()).set(s.index(), v);
        }
    }

    private static JsonNode randomValue(SplittableRandom random, int depth) {
        switch (random.nextInt(depth < 2 ? 12 : 9)) {
            case 0:
                return NODES.numberNode(random.nextInt(-5, 300));
            case 1:
                return NODES.numberNode(random.nextLong());
            case 2:
                return NODES.numberNode(random.nextDouble(-1e6, 1e6));
            case 3:
                return NODES.numberNode(new BigInteger(200, new java.util.Random(random.nextLong())));
            case 4:
                return NODES.numberNode(random.nextBoolean() ? 1e308 * 10 : -0.0);
            case 5:
                return NODES.textNode(randomText(random, random.nextInt(20)));
            case 6:
                return NODES.textNode(Integer.toString(random.nextInt(200)));
            case 7:
                return NODES.booleanNode(random.nextBoolean());
            case 8:
                return NODES.nullNode();
            case 9: {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                return a;
            }
            case 10: {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(randomText(random, 1 + random.nextInt(8)), randomValue(random, depth + 1));
                }
                return o;
            }
            default:
                return NODES.textNode("leg-strap");
        }
    }

    private static String randomText(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(SCALAR_CHARS.charAt(random.nextInt(SCALAR_CHARS.length())));
        }
        return sb.toString();
    }

    // ---- text edits

    private static void editText(StringBuilder text, SplittableRandom random) {
        int at = random.nextInt(text.length());
        switch (random.nextInt(5)) {
            case 0 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(40)));
            case 1 -> text.insert(at, randomText(random, 1 + random.nextInt(6)));
            case 2 -> text.insert(at, random.nextBoolean() ? "\n" : "\n  - ");
            case 3 -> {
                int from = random.nextInt(text.length());
                int to = Math.min(text.length(), from + random.nextInt(200));
                text.insert(at, text.substring(from, to));
            }
            default -> text.setCharAt(at, (char) random.nextInt(0x20, 0x7F));
        }
    }
}
