package com.lianarig.controller.mqtt.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the broker's helper commands (openssl, mosquitto_passwd) and fails with their output. */
final class Exec {
    private static final long TIMEOUT_S = 30;

    private Exec() {
    }

    /** Runs {@code command} in {@code dir}; its output when it exits 0, else an exception holding it. */
    static String run(Path dir, String... command) {
        List<String> argv = List.of(command);
        Path out = null;
        try {
            out = Files.createTempFile(dir, "exec-", ".out");
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", argv) + " did not finish in " + TIMEOUT_S + " s");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + p.exitValue() + ":\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", argv) + ": " + e.getMessage()
                    + installHint(Path.of(command[0]).getFileName().toString()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", argv), e);
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a leftover in a temp dir
                }
            }
        }
    }

    /** The program's absolute path, or an exception saying which Debian package installs it. */
    static Path require(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/local/sbin"));
        return require(program, dirs);
    }

    /** The program's absolute path in one of {@code dirs}. */
    static Path require(String program, List<String> dirs) {
        for (String d : dirs) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " is not installed (looked in " + String.join(":", dirs) + ")"
                + installHint(program));
    }

    private static String installHint(String program) {
        String pkg = switch (program) {
            case "mosquitto", "mosquitto_passwd" -> "mosquitto";
            case "openssl" -> "openssl";
            default -> null;
        };
        return pkg == null ? "" : "; the MQTT integration tests need it: apt-get install " + pkg
                + " (./run-tests installs it)";
    }
}
