package com.lianarig.config.rig;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lianarig.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * R-1 for the rig-file loader: whatever bytes a rig file holds, the loader returns a validated
 * configuration or throws {@link ConfigException}; nothing else escapes. Runs its seeds as a
 * regression test in the build; {@code JAZZER_FUZZ=1} fuzzes for real (docs/fuzzing.md).
 */
class RigConfigLoaderFuzzTest {
    private static final Path RIG_FILE = Path.of("/nonexistent/fuzz/rig.yaml");
    private final RigConfigLoader loader = new RigConfigLoader(Map.of());

    @FuzzTest(maxDuration = "10m")
    void loaderAcceptsOrRejectsWithAConfigExceptionOnly(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            RigConfig config = loader.parse(text, RIG_FILE);
            if (config == null) {
                throw new AssertionError("the loader returned null instead of a configuration or an error");
            }
        } catch (ConfigException expected) {
            if (expected.errors().isEmpty()) {
                throw new AssertionError("a ConfigException without a single error", expected);
            }
        }
    }
}
