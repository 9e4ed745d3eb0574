package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.safety.SafetyRule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web panel says everything the rig can say in words (SPEC 6a: never an internal name): every
 * refusal, mode and safety rule the controller has is a key of words.js's tables. A value added to one
 * of those enums (LOADS_IMPLAUSIBLE with SR-25) fails here until the panel has words for it.
 */
class PanelWordsTest {
    private static String words() throws IOException {
        try (InputStream in = PanelWordsTest.class.getResourceAsStream("/web/panel/js/words.js")) {
            assertNotNull(in, "web/panel/js/words.js on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The keys of {@code const NAME = { ... };} in words.js (bare or quoted). */
    private static Set<String> keys(String js, String table) {
        Matcher block = Pattern.compile("const " + table + " = \\{(.*?)\\n\\};", Pattern.DOTALL).matcher(js);
        if (!block.find()) {
            throw new AssertionError("words.js has no table " + table);
        }
        Set<String> keys = new TreeSet<>();
        Matcher key = Pattern.compile("(?m)^\\s*'?([A-Za-z0-9_-]+)'?\\s*:").matcher(block.group(1));
        while (key.find()) {
            keys.add(key.group(1));
        }
        return keys;
    }

    private static void assertCovers(Set<String> keys, List<String> names, String what) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(keys);
        assertEquals(Set.of(), missing, what + " without words in words.js");
    }

    @Test
    void everyRefusalHasWords() throws IOException {
        assertCovers(keys(words(), "REFUSALS"), Arrays.stream(Refusal.values()).map(Enum::name).toList(), "refusals");
    }

    @Test
    void everyModeHasWords() throws IOException {
        assertCovers(keys(words(), "MODES"), Arrays.stream(Mode.values()).map(Enum::name).toList(), "modes");
    }

    @Test
    void everySafetyRuleHasATitle() throws IOException {
        assertCovers(keys(words(), "RULES"), Arrays.stream(SafetyRule.values()).map(SafetyRule::id).toList(),
                "safety rules");
    }
}
