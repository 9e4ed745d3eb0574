package com.lianarig.controller.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger log = LoggerFactory.getLogger(RealtimeScheduling.class);
    /** Whether a refusal was already said (once per process: a laptop refuses every thread alike). */
    private static final AtomicBoolean refusalSaid = new AtomicBoolean();

    private RealtimeScheduling() {
    }

    /**
     * {@link #makeCurrentThreadFifo} for a thread of the safety path, saying how it went: each thread that gets
     * it at debug level; the first refusal in this process once, as a warning that names what it means (on a
     * developer's laptop every thread is refused alike), later ones at debug level.
     *
     * @param what the thread's job, for the log ("control loop", "node-1 serial reader")
     * @return empty when the calling thread now runs SCHED_FIFO at {@code priority}; otherwise why not
     */
    public static Optional<String> request(String what, int priority) {
        Optional<String> refused = makeCurrentThreadFifo(priority);
        if (refused.isEmpty()) {
            log.debug("{} runs SCHED_FIFO at priority {}", what, priority);
        } else if (refusalSaid.compareAndSet(false, true)) {
            log.warn("real-time scheduling is not allowed here ({}): the control loop, the node sessions and their"
                    + " serial threads run at normal priority, so a busy machine can delay them (fine for development;"
                    + " a rig's packaged unit allows it with LimitRTPRIO)", refused.get());
        } else {
            log.debug("{} at normal priority: {}", what, refused.get());
        }
        return refused;
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

    /**
     * Puts another thread or process of this machine under SCHED_FIFO at {@code priority} ({@code chrt --pid}, with
     * reset-on-fork), e.g. the threads of a simulated node board and the socat that stands for its wire, so that
     * a busy machine delays them no more than it would a microcontroller and a cable.
     *
     * @param tid a kernel thread id ({@code /proc/self/task/TID}) or a process id (then all its threads)
     * @param allTasks true for every thread of process {@code tid}
     * @return empty when done; otherwise why not, in words
     */
    public static Optional<String> makeFifo(long tid, boolean allTasks, int priority) {
        if (priority < 1 || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be 1.." + MAX_PRIORITY + ", not " + priority);
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("chrt", "--fifo", "--reset-on-fork"));
        if (allTasks) {
            command.add("--all-tasks");
        }
        command.addAll(java.util.List.of("--pid", Integer.toString(priority), Long.toString(tid)));
        try {
            Process chrt = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!chrt.waitFor(5, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return Optional.of("chrt did not answer within 5 s");
            }
            String said = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return chrt.exitValue() == 0 ? Optional.empty() : Optional.of("chrt refused (" + said + ")");
        } catch (IOException e) {
            return Optional.of("chrt could not run (" + e.getMessage() + "): install util-linux");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Puts this JVM's stop-the-world threads under SCHED_FIFO at {@code priority}: the "VM Thread" (it runs every
     * safepoint operation, and the whole collection with the serial collector) and the parallel collectors'
     * "GC Thread#N" workers (they run only while every Java thread is stopped). At a safepoint each real-time
     * thread waits for them; at normal priority a busy machine makes it wait behind ordinary work (a priority
     * inversion that showed in the soak as a node "silent" for 100 ms). Concurrent collector threads and the JIT
     * compilers stay at normal priority: they run beside the Java threads and must not take a core from them.
     *
     * @return the threads done, in words, or why not
     */
    public static String stopTheWorldThreads(int priority) {
        java.util.List<String> done = new java.util.ArrayList<>();
        Path tasks = Path.of("/proc/self/task");
        try (java.util.stream.Stream<Path> list = Files.list(tasks)) {
            for (Path task : list.toList()) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII).strip();
                } catch (IOException e) {
                    continue; // the thread ended
                }
                if (isStopTheWorld(name)) {
                    Optional<String> refused = makeFifo(Long.parseLong(task.getFileName().toString()), false, priority);
                    if (refused.isPresent()) {
                        return "refused for " + name + ": " + refused.get();
                    }
                    done.add(name);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return "not on Linux (" + tasks + ": " + e.getMessage() + ")";
        }
        return done.isEmpty() ? "none found" : String.join(", ", done);
    }

    /** Whether a JVM thread's kernel name is a stop-the-world one ({@link #stopTheWorldThreads}). */
    public static boolean isStopTheWorld(String kernelName) {
        return kernelName.equals("VM Thread") || kernelName.startsWith("GC Thread#");
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
