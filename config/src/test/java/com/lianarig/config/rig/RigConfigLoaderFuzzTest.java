package com.lianarig.config.rig;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lianarig.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;

/**
 * R-1 for the rig-file loader: whatever bytes a rig file holds, the loader returns a validated
 * configuration or throws {@link ConfigException}; nothing else escapes. The bytes go the way a file's
 * do (UTF-8 and its byte-order mark first). Runs its seeds as a regression test in the build
 * (the example, a broken file, and the inputs issue 17 found: octal, hexadecimal, base-60 and
 * underscored numbers, a serial with a leading 0, a byte-order mark); {@code JAZZER_FUZZ=1} fuzzes for
 * real (docs/fuzzing.md).
 */
class RigConfigLoaderFuzzTest {
    private static final Path RIG_FILE = Path.of("/nonexistent/fuzz/rig.yaml");
    private final RigConfigLoader loader = new RigConfigLoader(Map.of());

    @FuzzTest(maxDuration = "10m")
    void loaderAcceptsOrRejectsWithAConfigExceptionOnly(byte[] input) {
        try {
            RigConfig config = loader.parse(input, RIG_FILE);
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
