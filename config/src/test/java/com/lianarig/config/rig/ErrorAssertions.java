package com.lianarig.config.rig;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.lianarig.config.ConfigError;
import java.util.List;
import java.util.stream.Collectors;

/** Finding one error among many. */
final class ErrorAssertions {
    private ErrorAssertions() {
    }

    /** The error at {@code path} whose rule contains {@code ruleFragment}; fails listing all errors otherwise. */
    static ConfigError errorAt(List<ConfigError> errors, String path, String ruleFragment) {
        for (ConfigError e : errors) {
            if (e.path().equals(path) && e.rule().contains(ruleFragment)) {
                return e;
            }
        }
        return fail("no error at " + path + " containing \"" + ruleFragment + "\" among:\n" + list(errors));
    }

    /** Asserts there is exactly one error and returns it. */
    static ConfigError onlyError(List<ConfigError> errors) {
        assertTrue(errors.size() == 1, () -> "expected one error, got:\n" + list(errors));
        return errors.get(0);
    }

    static String list(List<ConfigError> errors) {
        return errors.stream().map(ConfigError::message).collect(Collectors.joining("\n"));
    }
}
