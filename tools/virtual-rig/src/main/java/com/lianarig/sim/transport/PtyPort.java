package com.lianarig.sim.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual node behind a real pseudo-terminal pair, so that a host opens it exactly as it opens a
 * USB serial port (jSerialComm, by path):
 *
 * <pre>
 *   VirtualNode ──► node link (pty) ◄══ socat ══► host link (pty) ◄── host: SerialPort.getCommPort(describe())
 *               ◄── reader thread
 * </pre>
 *
 * <p>The port starts {@code socat -d -d pty,raw,echo=0,link=NODE pty,raw,echo=0,link=HOST} itself
 * and opens the node link with plain file I/O. socat runs under a small {@code sh} guard that kills
 * it when the guard's standard input (a pipe from this JVM) closes: on {@link #close}, on
 * {@link #unplugged unplugged(true)}, and also when the JVM dies in any way, even {@code kill -9},
 * so no socat outlives the rig. A shutdown hook closes the port on an orderly JVM exit. The guard
 * runs in a session of its own ({@code setsid}, where installed), so a terminal's Ctrl-C stops the
 * JVM, not socat behind its back.
 *
 * <p>{@link #unplugged unplugged(true)} stops socat: the host's reads return -1 and its writes fail,
 * as when a USB cable is pulled; {@code unplugged(false)} starts socat again on the same link paths,
 * and the host must open the port again. Should socat die by itself, the port starts it again.
 *
 * <p>Threads: the node writes on the rig's thread and never blocks ({@link TransmitQueue}); a daemon
 * reader thread per socat run delivers the host's bytes to the node; {@link #unplugged} and
 * {@link #close} may be called from any thread.
 *
 * <p>Caveat: Java opens the node link without {@code O_NOCTTY}; a JVM that is a session leader
 * without a controlling terminal (a bare systemd service) would acquire it as one. Run {@code rig
 * sim} from a shell, as intended.
 */
public final class PtyPort implements NodePort {
    private static final Logger log = LoggerFactory.getLogger(PtyPort.class);

    /** How long socat may take to create both links, ms. */
    static final long START_TIMEOUT_MS = 5_000;
    /** How long socat may take to exit once told, ms, before it is killed. */
    static final long STOP_TIMEOUT_MS = 2_000;
    /** Bytes the node may have in flight toward the host before further bytes are lost. */
    static final int TRANSMIT_QUEUE_BYTES = 64 * 1024;

    /** Link paths go into socat's address syntax unquoted: only these characters are safe there. */
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_./+@%=-]+");

    /**
     * The guard: starts socat with the two links ($1 node, $2 host), then waits for EOF on its own
     * standard input, kills socat (which removes its links) and removes the directory $3 if given and
     * empty (the port's temporary directory, left behind otherwise when the JVM is killed). An
     * asynchronous command of a non-interactive shell reads /dev/null, so socat never sees the pipe.
     */
    private static final String GUARD_SCRIPT = "socat -d -d \"pty,raw,echo=0,link=$1\" \"pty,raw,echo=0,link=$2\" &"
            + " s=$!; cat >/dev/null; kill $s 2>/dev/null; wait $s; st=$?;"
            + " if [ -n \"$3\" ]; then rmdir \"$3\" 2>/dev/null; fi; exit $st";

    private final Path nodeLink;
    private final Path hostLink;
    private final Path ownedDirectory;
    private final LineFaults toHostFaults;
    private final LineFaults toNodeFaults;
    private final TransmitQueue transmitter;
    private final Thread shutdownHook;
    private final Object lifecycle = new Object();
    private final byte[] scratch = new byte[4096];
    private volatile NodeInput node;
    private Line line;
    private boolean pulled;
    private boolean closed;
    private int starts;

    private PtyPort(Path nodeLink, Path hostLink, Path ownedDirectory, SplittableRandom random) {
        this.nodeLink = nodeLink.toAbsolutePath();
        this.hostLink = hostLink.toAbsolutePath();
        this.ownedDirectory = ownedDirectory;
        this.toHostFaults = new LineFaults(random.split());
        this.toNodeFaults = new LineFaults(random.split());
        this.transmitter = new TransmitQueue("pty-port-writer " + this.nodeLink.getFileName(), TRANSMIT_QUEUE_BYTES);
        this.shutdownHook = new Thread(this::close, "pty-port-shutdown " + this.hostLink);
    }

    /**
     * Starts socat with both links in a new temporary directory ({@code rig-node}, {@code rig-host}),
     * removed again by {@link #close}.
     *
     * @throws IllegalArgumentException if the temporary directory's path has characters socat would misread
     * @throws IllegalStateException if socat is not installed or does not start, with why
     */
    public static PtyPort open(SplittableRandom random) {
        Path dir;
        try {
            dir = Files.createTempDirectory("virtual-rig-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the pty links", e);
        }
        return start(new PtyPort(dir.resolve("rig-node"), dir.resolve("rig-host"), dir, random));
    }

    /**
     * Starts socat with the given link paths (their directory must exist; an existing link is
     * replaced).
     *
     * @throws IllegalArgumentException if a path has characters socat's address syntax would misread
     * @throws IllegalStateException if socat is not installed or does not start, with why
     */
    public static PtyPort open(Path nodeLink, Path hostLink, SplittableRandom random) {
        if (nodeLink.toAbsolutePath().equals(hostLink.toAbsolutePath())) {
            throw new IllegalArgumentException("the node and host links are the same path: " + nodeLink);
        }
        return start(new PtyPort(nodeLink, hostLink, null, random));
    }

    private static PtyPort start(PtyPort port) {
        try {
            for (Path p : List.of(port.nodeLink, port.hostLink)) {
                if (!SAFE_PATH.matcher(p.toString()).matches()) {
                    throw new IllegalArgumentException("pty link path " + p
                            + " has characters socat would misread; use letters, digits and . _ - / + @ % =");
                }
            }
            if (!socatAvailable()) {
                throw new IllegalStateException("socat not found: apt-get install socat");
            }
            synchronized (port.lifecycle) {
                port.line = port.startLine();
            }
        } catch (RuntimeException e) {
            port.transmitter.close();
            port.deleteOwnedDirectory();
            throw e;
        }
        try {
            Runtime.getRuntime().addShutdownHook(port.shutdownHook);
        } catch (IllegalStateException e) {
            port.close(); // the JVM is shutting down already
            throw e;
        }
        return port;
    }

    /** True when an executable {@code socat} is on the PATH. */
    public static boolean socatAvailable() {
        return socatOnPath(System.getenv("PATH"));
    }

    /** True when {@code path} (a PATH value) names a directory with an executable {@code socat}. */
    static boolean socatOnPath(String path) {
        return onPath(path, "socat");
    }

    private static boolean onPath(String path, String program) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectNode(NodeInput nodeReceive) {
        this.node = nodeReceive;
    }

    /** The node writes (the rig's thread): through the line faults into the transmit queue. */
    @Override
    public void write(byte[] bytes, int offset, int length) {
        byte[] out = length <= scratch.length ? scratch : new byte[length];
        int n = toHostFaults.apply(bytes, offset, length, out);
        if (n > 0) {
            transmitter.offer(out, 0, n);
        }
    }

    /** The host's end: the path a host opens, e.g. {@code SerialPort.getCommPort(describe())}. */
    @Override
    public String describe() {
        return hostLink.toString();
    }

    /** The host's end, as a path. */
    public Path hostLink() {
        return hostLink;
    }

    /** The node's end, as a path. */
    public Path nodeLink() {
        return nodeLink;
    }

    /** How many times socat was started (1 + replugs + restarts after socat died by itself). */
    public int socatStarts() {
        synchronized (lifecycle) {
            return starts;
        }
    }

    /** Node bytes lost because the host was not reading fast enough (or the line was down). */
    public long lostBytes() {
        return transmitter.lostBytes();
    }

    @Override
    public LineFaults toHostFaults() {
        return toHostFaults;
    }

    @Override
    public LineFaults toNodeFaults() {
        return toNodeFaults;
    }

    /**
     * Pulls the cable (stops socat: the host's port dies) or plugs it back in (starts socat again on
     * the same links: the host opens the port again).
     *
     * @throws IllegalStateException if socat does not start again, or the port is closed
     */
    @Override
    public void unplugged(boolean pull) {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the pty port " + hostLink + " is closed");
            }
            if (pull == pulled) {
                return;
            }
            pulled = pull;
            toHostFaults.unplugged(pull);
            toNodeFaults.unplugged(pull);
            if (pull) {
                stopLine();
            } else {
                line = startLine();
            }
        }
    }

    /** Stops socat and the threads, removes the links (and the temporary directory it made). Idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stopLine();
        }
        transmitter.close();
        deleteOwnedDirectory();
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook runs or ran, and finds the port closed
            }
        }
    }

    // ---- one run of socat ----

    /** Starts socat, waits for both links, opens the node end and starts its reader. Holds {@link #lifecycle}. */
    private Line startLine() {
        Line l = new Line();
        try {
            l.start();
        } catch (RuntimeException e) {
            l.stop();
            throw e;
        }
        starts++;
        transmitter.sink(l.sink());
        return l;
    }

    /** Holds {@link #lifecycle}. */
    private void stopLine() {
        if (line != null) {
            transmitter.sink(null);
            line.stop();
            line = null;
        }
    }

    /** The reader of {@code l} ended: if nobody stopped socat, it died by itself; start it again. */
    private void lineEnded(Line l) {
        if (l.stopping) {
            return; // stopped on purpose (unplugged, closed): whoever stops it holds the lock and joins us
        }
        synchronized (lifecycle) {
            if (closed || pulled || line != l || l.stopping) {
                return;
            }
            log.warn("socat for {} stopped by itself ({}); starting it again", hostLink, l.lastOutput());
            stopLine();
            try {
                line = startLine();
            } catch (RuntimeException e) {
                log.error("cannot start socat again for {}: the virtual node stays unplugged", hostLink, e);
            }
        }
    }

    private void recreateOwnedDirectory() {
        try {
            if (!Files.isDirectory(ownedDirectory)) {
                Files.createDirectory(ownedDirectory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + ownedDirectory + " for the pty links", e);
        }
    }

    private void deleteOwnedDirectory() {
        if (ownedDirectory == null || !Files.isDirectory(ownedDirectory)) {
            return;
        }
        try (var entries = Files.list(ownedDirectory)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(ownedDirectory);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", ownedDirectory, e.getMessage());
        }
    }

    /**
     * One socat process (under its guard), the node end opened on its pty, and the reader thread.
     * Started and stopped with {@link #lifecycle} held.
     */
    private final class Line {
        private final Object outputLock = new Object();
        private final Deque<String> output = new ArrayDeque<>();
        private boolean transferring;
        private boolean outputEnded;
        private Process guard;
        private RandomAccessFile nodeEnd;
        private Thread reader;
        private volatile boolean stopping;

        void start() {
            if (ownedDirectory != null) {
                recreateOwnedDirectory(); // the previous guard removed it (unplugged)
            }
            List<String> command = new ArrayList<>();
            if (onPath(System.getenv("PATH"), "setsid")) {
                // A session of its own: a terminal's Ctrl-C (SIGINT to the foreground process group)
                // reaches the JVM, whose shutdown hook stops socat in order, and not socat itself.
                command.add("setsid");
            }
            command.addAll(List.of("sh", "-c", GUARD_SCRIPT, "virtual-rig-socat-guard", nodeLink.toString(),
                    hostLink.toString(), ownedDirectory == null ? "" : ownedDirectory.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.redirectErrorStream(true);
            try {
                guard = builder.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start socat (through sh): " + e.getMessage(), e);
            }
            Thread drain = new Thread(this::drainOutput, "pty-port-socat-log " + hostLink.getFileName());
            drain.setDaemon(true);
            drain.start();
            awaitLinks();
            try {
                nodeEnd = new RandomAccessFile(nodeLink.toRealPath().toFile(), "rw");
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the node end " + nodeLink + " of the pty pair: "
                        + e.getMessage(), e);
            }
            reader = new Thread(this::read, "pty-port-reader " + nodeLink.getFileName());
            reader.setDaemon(true);
            reader.start();
        }

        private void awaitLinks() {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            synchronized (outputLock) {
                while (!(transferring && Files.exists(nodeLink) && Files.exists(hostLink))) {
                    if (outputEnded || !guard.isAlive() || output.stream().anyMatch(l -> l.contains(" E "))) {
                        throw new IllegalStateException("socat did not start for " + hostLink + ": " + lastOutput());
                    }
                    long leftNanos = deadline - System.nanoTime();
                    if (leftNanos <= 0) {
                        throw new IllegalStateException("socat did not create " + nodeLink + " and " + hostLink
                                + " within " + START_TIMEOUT_MS + " ms: " + lastOutput());
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(outputLock, Math.min(leftNanos, 10_000_000L));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while starting socat", e);
                    }
                }
            }
        }

        /** socat's diagnostics (-d -d): kept for error messages, logged at debug. */
        private void drainOutput() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(guard.getInputStream(), StandardCharsets.UTF_8))) {
                String s;
                while ((s = r.readLine()) != null) {
                    log.debug("socat {}: {}", hostLink.getFileName(), s);
                    synchronized (outputLock) {
                        output.addLast(s);
                        if (output.size() > 20) {
                            output.removeFirst();
                        }
                        if (s.contains("starting data transfer loop")) {
                            transferring = true;
                        }
                        outputLock.notifyAll();
                    }
                }
            } catch (IOException e) {
                log.debug("socat output for {} ended: {}", hostLink, e.getMessage());
            } finally {
                synchronized (outputLock) {
                    outputEnded = true;
                    outputLock.notifyAll();
                }
            }
        }

        String lastOutput() {
            synchronized (outputLock) {
                return output.isEmpty() ? "no output" : String.join(" | ", output);
            }
        }

        OutputStream sink() {
            RandomAccessFile f = nodeEnd;
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    f.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    f.write(b, off, len);
                }
            };
        }

        /** The host's bytes, through the line faults, into the node; ends when socat goes away. */
        private void read() {
            byte[] buffer = new byte[4096];
            byte[] faulted = new byte[4096];
            try {
                int n;
                while ((n = nodeEnd.read(buffer)) >= 0) {
                    int m = toNodeFaults.apply(buffer, 0, n, faulted);
                    NodeInput target = node;
                    if (m > 0 && target != null) {
                        target.receive(faulted, 0, m);
                    }
                }
            } catch (IOException e) {
                log.debug("pty {} read ended: {}", nodeLink, e.getMessage());
            }
            lineEnded(this);
        }

        /** Closes socat's guard input (it kills socat), waits for both, kills what is left, closes the node end. */
        void stop() {
            stopping = true;
            if (guard != null) {
                List<ProcessHandle> family = new ArrayList<>();
                guard.descendants().forEach(family::add);
                try {
                    guard.getOutputStream().close();
                } catch (IOException e) {
                    log.debug("closing socat's guard input: {}", e.getMessage());
                }
                boolean exited = waitFor(guard, STOP_TIMEOUT_MS);
                if (!exited || family.stream().anyMatch(ProcessHandle::isAlive)) {
                    log.warn("socat for {} did not stop when told: killing it", hostLink);
                    guard.descendants().forEach(ProcessHandle::destroyForcibly);
                    family.forEach(ProcessHandle::destroyForcibly);
                    guard.destroyForcibly();
                    waitFor(guard, STOP_TIMEOUT_MS);
                }
            }
            if (reader != null && reader != Thread.currentThread()) {
                try {
                    reader.join(STOP_TIMEOUT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (nodeEnd != null) {
                try {
                    nodeEnd.close();
                } catch (IOException e) {
                    log.debug("closing {}: {}", nodeLink, e.getMessage());
                }
            }
        }

        private boolean waitFor(Process p, long timeoutMs) {
            try {
                return p.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !p.isAlive();
            }
        }
    }
}
