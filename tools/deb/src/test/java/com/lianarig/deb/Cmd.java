package com.lianarig.deb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an outside tool (dpkg-deb, lintian, systemd-analyze, the packaged launcher) and keeps what it printed. */
record Cmd(int exitCode, String stdout, String stderr) {

    /** Runs {@code command} to its end, at most {@code timeoutS} seconds; stdout and stderr go through files. */
    static Cmd run(long timeoutS, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("deb-cmd", ".out");
        Path err = Files.createTempFile("deb-cmd", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(command + " did not finish within " + timeoutS + " s; stderr: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Cmd(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static Cmd run(String... command) throws IOException, InterruptedException {
        return run(120, Map.of(), List.of(command));
    }

    /** This result, or an AssertionError with everything the tool printed. */
    Cmd ok(String what) {
        if (exitCode != 0) {
            throw new AssertionError(what + " exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return this;
    }

    /** True when {@code tool} is an executable on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
