package com.lianarig.tools;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import picocli.CommandLine;

/**
 * One in-process run of {@code rig} in the background, its standard input fed line by line by the
 * test (as a technician or a script would, hanging masses in between), its output read as it comes.
 */
final class CalibrateRun implements AutoCloseable {
    private final PipedOutputStream stdin = new PipedOutputStream();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    CalibrateRun(String... args) {
        PipedInputStream in;
        try {
            in = new PipedInputStream(stdin, 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CommandLine rig = RigCommand.commandLine(in);
        rig.setOut(new PrintWriter(out, true));
        rig.setErr(new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> rig.execute(args));
    }

    /** Writes one line to the command's standard input. */
    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the command stopped reading: " + out + err, e);
        }
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    List<String> lines() {
        return out().lines().toList();
    }

    /** Waits for an output line matching, returns it; fails naming the output when none comes in time. */
    String awaitLine(Predicate<String> matches, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            for (String l : lines()) {
                if (matches.test(l)) {
                    return l;
                }
            }
            if (exit.isDone() || System.nanoTime() - deadline > 0) {
                for (String l : lines()) { // one more look: the line may have come with the exit
                    if (matches.test(l)) {
                        return l;
                    }
                }
                throw new AssertionError("no such line" + (exit.isDone() ? " (the command ended, exit "
                        + exit.join() + ")" : " within " + timeoutMs + " ms") + "; out:\n" + out() + "\nerr:\n" + err());
            }
            sleep(20);
        }
    }

    /** Waits for the {@code n}th (1-based) line starting with {@code prefix}, returns it. */
    String awaitNth(String prefix, int n, long timeoutMs) {
        awaitLine(l -> lines().stream().filter(x -> x.startsWith(prefix)).count() >= n, timeoutMs);
        return lines().stream().filter(x -> x.startsWith(prefix)).skip(n - 1).findFirst().orElseThrow();
    }

    /** Waits for output containing {@code text}. */
    void awaitText(String text, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!out().contains(text)) {
            if (exit.isDone() || System.nanoTime() - deadline > 0) {
                if (out().contains(text)) {
                    return;
                }
                throw new AssertionError("no \"" + text + "\"" + (exit.isDone() ? " (the command ended, exit "
                        + exit.join() + ")" : " within " + timeoutMs + " ms") + "; out:\n" + out() + "\nerr:\n" + err());
            }
            sleep(20);
        }
    }

    int exitCode(long timeoutMs) {
        try {
            return exit.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the command did not end within " + timeoutMs + " ms; out:\n" + out() + "\nerr:\n"
                    + err(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // ending anyway
        }
        try {
            exit.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            // reported by the test that waited for it
        }
    }
}
