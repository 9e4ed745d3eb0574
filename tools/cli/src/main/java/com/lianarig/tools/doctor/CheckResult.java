package com.lianarig.tools.doctor;

import java.util.Objects;

/**
 * What one check found.
 *
 * @param status the verdict
 * @param name what was checked, e.g. {@code serial port main}
 * @param found what was found, one line
 * @param fix for WARN and FAIL: what to do, in plain words (which command, which file); "" for PASS
 */
public record CheckResult(Status status, String name, String found, String fix) {
    public CheckResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(fix, "fix");
        if (status != Status.PASS && fix.isBlank()) {
            throw new IllegalArgumentException("a " + status + " of " + name + " needs a fix");
        }
    }

    static CheckResult pass(String name, String found) {
        return new CheckResult(Status.PASS, name, found, "");
    }

    static CheckResult warn(String name, String found, String fix) {
        return new CheckResult(Status.WARN, name, found, fix);
    }

    static CheckResult fail(String name, String found, String fix) {
        return new CheckResult(Status.FAIL, name, found, fix);
    }
}
