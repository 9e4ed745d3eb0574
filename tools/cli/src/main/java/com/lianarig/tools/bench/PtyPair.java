package com.lianarig.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair joined by socat ({@code socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B}),
 * as {@code PtyPort} makes for the virtual rig, but with both ends left to the caller: the bench
 * opens them with plain file I/O (or jSerialComm by path) and times its own writes and reads. Closing
 * stops socat and removes the links.
 */
final class PtyPair implements AutoCloseable {
    private final Path dir;
    private final Path a;
    private final Path b;
    private final Process socat;

    private PtyPair(Path dir, Process socat) {
        this.dir = dir;
        this.a = dir.resolve("a");
        this.b = dir.resolve("b");
        this.socat = socat;
    }

    /** Starts socat and waits (5 s at most) until it forwards between both links. */
    static PtyPair open(String name) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rig-bench-" + name + "-");
        ProcessBuilder pb = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0,link=" + dir.resolve("a"),
                "pty,raw,echo=0,link=" + dir.resolve("b"));
        pb.redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start socat (apt-get install socat): " + e.getMessage(), e);
        }
        PtyPair pair = new PtyPair(dir, p);
        CountDownLatch transferring = new CountDownLatch(1);
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("starting data transfer loop")) {
                        transferring.countDown();
                    }
                }
            } catch (IOException e) {
                // socat ended
            }
        }, "socat-log " + name);
        drain.setDaemon(true);
        drain.start();
        if (!transferring.await(5, TimeUnit.SECONDS) || !Files.exists(pair.a) || !Files.exists(pair.b)) {
            pair.close();
            throw new IOException("socat did not create " + pair.a + " and " + pair.b + " within 5 s");
        }
        return pair;
    }

    /** One end (the bench's node side), opened read-write on the pty itself. */
    RandomAccessFile openA() {
        return open(a);
    }

    /** The other end (the host side). */
    RandomAccessFile openB() {
        return open(b);
    }

    Path pathB() {
        return b;
    }

    private static RandomAccessFile open(Path link) {
        try {
            return new RandomAccessFile(link.toRealPath().toFile(), "rw");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + link, e);
        }
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly();
            }
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left in the temporary directory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
