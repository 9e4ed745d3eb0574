package com.lianarig.controller.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Puts the calling thread under Linux's SCHED_FIFO real-time policy (P-3: the control loop must not
 * wait behind ordinary work on a busy Pi). Java has no API for it, so the thread finds its own kernel
 * thread id ({@code /proc/thread-self}) and asks util-linux's {@code chrt}. Allowed for root, or for
 * the service user when systemd grants {@code LimitRTPRIO=} (the packaged unit does); otherwise it
 * fails and the loop runs at normal priority, as before. With reset-on-fork: a thread that a real-time
 * thread happens to create (the JDK's "process reaper" for chrt itself, a pool's worker) starts at normal
 * priority instead of inheriting SCHED_FIFO.
 */
public final class RealtimeScheduling {
    /** The highest FIFO priority we ask for: below the kernel's own threaded interrupts (50). */
    public static final int MAX_PRIORITY = 49;

    private RealtimeScheduling() {
    }

    /**
     * @param priority 1..{@value #MAX_PRIORITY}
     * @return empty when the calling thread now runs SCHED_FIFO at {@code priority}; otherwise why not, in words
     */
    public static Optional<String> makeCurrentThreadFifo(int priority) {
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1.." + MAX_PRIORITY + ", not " + priority);
        }
        Path self;
        try {
            self = Path.of("/proc/thread-self").toRealPath();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("not on Linux (no /proc/thread-self)");
        }
        String tid = self.getFileName().toString();
        try {
            Process chrt = new ProcessBuilder("chrt", "--fifo", "--reset-on-fork", "--pid", Integer.toString(priority), tid)
                    .redirectErrorStream(true).start();
            if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return Optional.of("chrt did not answer within 5 s");
            }
            String said = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (chrt.exitValue() != 0) {
                return Optional.of("chrt refused (" + said + "): the service needs root or LimitRTPRIO=" + priority
                        + " or more (systemd)");
            }
        } catch (IOException e) {
            return Optional.of("chrt could not run (" + e.getMessage() + "): install util-linux");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return policyOf(self).equals("1") ? Optional.empty()
                : Optional.of("chrt ran but the thread's policy is " + policyOf(self) + ", not SCHED_FIFO (1)");
    }

    /** The scheduling policy field (41st) of {@code /proc/<pid>/task/<tid>/stat}: 0 normal, 1 FIFO, 2 RR. */
    static String policyOf(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields[41 - 3]; // fields after "pid (comm) " start at field 3
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
