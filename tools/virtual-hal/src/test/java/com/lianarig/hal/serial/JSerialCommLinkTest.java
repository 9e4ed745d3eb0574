package com.lianarig.hal.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.sim.transport.PtyPort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JSerialCommLink} on a real pseudo-terminal pair (socat, through the virtual rig's
 * {@link PtyPort}), opened exactly as a USB serial port: bytes both ways, discovery by USB identity,
 * exclusivity, unplug and replug, a device that appears late, close. Needs socat (./run-tests installs it).
 */
@Timeout(30)
class JSerialCommLinkTest {
    @TempDir
    Path locks;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    /**
     * Records state changes and bytes; readable from the test thread. Tests wait on it, not on
     * {@code state()}: the state changes just before the listener hears of it.
     */
    static final class Recorder implements SerialLinkListener, ByteSink {
        record Change(SerialLinkState state, String reason, long atNanos) {
        }

        private final List<Change> changes = new ArrayList<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void onStateChanged(SerialLinkState state, String reason) {
            changes.add(new Change(state, reason, System.nanoTime()));
        }

        @Override
        public synchronized void onBytes(byte[] buffer, int offset, int length) {
            bytes.write(buffer, offset, length);
        }

        synchronized List<Change> changes() {
            return List.copyOf(changes);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }

        synchronized Change last(SerialLinkState state) {
            for (int i = changes.size() - 1; i >= 0; i--) {
                if (changes.get(i).state() == state) {
                    return changes.get(i);
                }
            }
            return null;
        }

        synchronized long count(SerialLinkState state) {
            return changes.stream().filter(c -> c.state() == state).count();
        }
    }

    @BeforeEach
    void needsSocat() {
        Assumptions.assumeTrue(PtyPort.socatAvailable(),
                "socat is not installed (apt-get install socat): the serial link tests on a pty are skipped");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private PtyPort pty(StringBuilder toNode) {
        PtyPort p = PtyPort.open(new SplittableRandom(7));
        p.connectNode((b, off, len) -> {
            synchronized (toNode) {
                toNode.append(new String(b, off, len, StandardCharsets.US_ASCII));
            }
        });
        toClose.add(p);
        return p;
    }

    private JSerialCommLink link(PortSelector selector, PortDiscovery discovery) {
        JSerialCommLink l = new JSerialCommLink(selector, SerialSettings.defaults().withLockDirectory(locks),
                discovery, System::nanoTime);
        toClose.add(l);
        return l;
    }

    private static void sendFromNode(PtyPort p, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        p.write(b, 0, b.length);
    }

    @Test
    void opensAPtyByPathAndCarriesBytesBothWays() throws Exception {
        StringBuilder toNode = new StringBuilder();
        PtyPort p = pty(toNode);
        JSerialCommLink l = link(new PortSelector.ByPath(p.describe()), List::of);
        Recorder r = new Recorder();
        assertFalse(l.write(new byte[] {1}, 0, 1), "nothing is queued before the port is open");
        l.start(r, r);

        assertTrue(await(() -> r.count(SerialLinkState.OPEN) == 1, 3_000), r.changes().toString());
        assertEquals(SerialLinkState.OPENING, r.changes().get(0).state());
        String opened = r.last(SerialLinkState.OPEN).reason();
        assertTrue(opened.contains(p.describe()) && opened.contains("1000000 baud 8N1"), opened);
        Path lockFile = locks.resolve(PortLock.lockFileName(p.hostLink().toRealPath()));
        assertEquals(ProcessHandle.current().pid(), Long.parseLong(Files.readString(lockFile).strip()),
                "the lock file names this process");

        sendFromNode(p, "hello host");
        assertTrue(await(() -> r.text().equals("hello host"), 2_000), r.text());
        byte[] out = "hello node".getBytes(StandardCharsets.US_ASCII);
        assertTrue(l.write(out, 0, out.length));
        assertTrue(await(() -> {
            synchronized (toNode) {
                return toNode.toString().equals("hello node");
            }
        }, 2_000), toNode.toString());
    }

    @Test
    void findsItsPortByUsbSerialNumberOrVidPidThroughDiscovery() {
        StringBuilder toNode = new StringBuilder();
        PtyPort p = pty(toNode);
        // a pty carries no USB identity: the fake discovery lends it one
        FakePortDiscovery discovery = new FakePortDiscovery(List.of(new PortInfo("/dev/ttyS0", "UART", "", -1, -1),
                new PortInfo(p.describe(), "Liana node (virtual)", "LN-0042", 0x1209, 0x6C6E)));
        for (PortSelector selector : List.of(new PortSelector.ByUsbSerial("LN-0042"),
                new PortSelector.ByVidPid(0x1209, 0x6C6E))) {
            JSerialCommLink l = link(selector, discovery);
            Recorder r = new Recorder();
            l.start(r, r);
            assertTrue(await(() -> r.count(SerialLinkState.OPEN) == 1, 3_000), r.changes().toString());
            String opened = r.last(SerialLinkState.OPEN).reason();
            assertTrue(opened.contains(p.describe()) && opened.contains("for " + selector.describe()), opened);
            l.close();
        }
    }

    @Test
    void aSecondOpenerIsRefusedNamingTheHoldersPidAndGetsThePortOnceItIsFree() {
        PtyPort p = pty(new StringBuilder());
        JSerialCommLink first = link(new PortSelector.ByPath(p.describe()), List::of);
        Recorder r1 = new Recorder();
        first.start(r1, r1);
        assertTrue(await(() -> first.state() == SerialLinkState.OPEN, 3_000));

        JSerialCommLink second = link(new PortSelector.ByPath(p.describe()), List::of);
        Recorder r2 = new Recorder();
        second.start(r2, r2);
        assertTrue(await(() -> r2.last(SerialLinkState.RECONNECTING) != null, 3_000), r2.changes().toString());
        String refused = r2.last(SerialLinkState.RECONNECTING).reason();
        assertTrue(refused.startsWith("port " + p.describe() + " is in use by pid " + ProcessHandle.current().pid()),
                refused);
        sleepMs(300);
        assertFalse(second.state() == SerialLinkState.OPEN, "never two openers on one port");

        first.close();
        assertTrue(await(() -> second.state() == SerialLinkState.OPEN, 5_000), "retried with backoff: "
                + r2.changes());
    }

    @Test
    void anUnplugIsReportedLostAndTheLinkReopensThePortByItselfWithBackoff() throws Exception {
        StringBuilder toNode = new StringBuilder();
        PtyPort p = pty(toNode);
        JSerialCommLink l = link(new PortSelector.ByPath(p.describe()), List::of);
        Recorder r = new Recorder();
        l.start(r, r);
        assertTrue(await(() -> r.count(SerialLinkState.OPEN) == 1, 3_000));

        long pulledAt = System.nanoTime();
        p.unplugged(true);
        assertTrue(await(() -> r.last(SerialLinkState.LOST) != null, 3_000), r.changes().toString());
        long detectedMs = (r.last(SerialLinkState.LOST).atNanos() - pulledAt) / 1_000_000;
        String lost = r.last(SerialLinkState.LOST).reason();
        assertTrue(lost.contains("read returned -1") && lost.contains(p.describe()), lost);
        assertFalse(l.write(new byte[] {1, 2}, 0, 2), "writes are dropped while the port is down");

        sleepMs(1_000); // attempts at +100, +300, +700 ms: the backoff doubles
        List<String> waits = r.changes().stream().filter(c -> c.state() == SerialLinkState.RECONNECTING)
                .map(Recorder.Change::reason).toList();
        assertTrue(waits.size() >= 3, waits.toString());
        assertTrue(waits.get(0).endsWith("next attempt in 100 ms") && waits.get(1).endsWith("next attempt in 200 ms")
                && waits.get(2).endsWith("next attempt in 400 ms"), waits.toString());
        assertTrue(waits.get(1).startsWith("no device at ") || waits.get(1).startsWith("no serial device at "),
                waits.get(1));

        long pluggedAt = System.nanoTime();
        p.unplugged(false);
        assertTrue(await(() -> r.count(SerialLinkState.OPEN) == 2, 5_000), r.changes().toString());
        long reconnectMs = (r.last(SerialLinkState.OPEN).atNanos() - pluggedAt) / 1_000_000;
        System.out.printf("pty unplug: LOST reported %d ms after the pull (%s); OPEN again %d ms after the replug%n",
                detectedMs, lost, reconnectMs);

        byte[] out = "after replug".getBytes(StandardCharsets.US_ASCII);
        assertTrue(l.write(out, 0, out.length));
        assertTrue(await(() -> {
            synchronized (toNode) {
                return toNode.toString().endsWith("after replug");
            }
        }, 2_000), toNode.toString());
        sendFromNode(p, "hello again");
        assertTrue(await(() -> r.text().endsWith("hello again"), 2_000), r.text());
    }

    @Test
    void aDeviceThatAppearsLaterIsOpenedOnceItExists() throws Exception {
        Path dir = Files.createTempDirectory(locks, "late");
        Path hostLink = dir.resolve("rig-host");
        JSerialCommLink l = link(new PortSelector.ByPath(hostLink.toString()), List::of);
        Recorder r = new Recorder();
        l.start(r, r);
        assertTrue(await(() -> r.last(SerialLinkState.RECONNECTING) != null, 2_000));
        assertTrue(r.last(SerialLinkState.RECONNECTING).reason().startsWith("no device at " + hostLink),
                r.last(SerialLinkState.RECONNECTING).reason());

        PtyPort p = PtyPort.open(dir.resolve("rig-node"), hostLink, new SplittableRandom(8));
        toClose.add(p);
        assertTrue(await(() -> l.state() == SerialLinkState.OPEN, 5_000), r.changes().toString());
    }

    @Test
    void closeStopsItsThreadsReleasesTheLockAndReportsClosedOnce() throws Exception {
        PtyPort p = pty(new StringBuilder());
        JSerialCommLink l = link(new PortSelector.ByPath(p.describe()), List::of);
        Recorder r = new Recorder();
        l.start(r, r);
        assertTrue(await(() -> l.state() == SerialLinkState.OPEN, 3_000));
        Path lockFile = locks.resolve(PortLock.lockFileName(p.hostLink().toRealPath()));

        l.close();
        l.close();
        assertEquals(SerialLinkState.CLOSED, l.state());
        assertEquals(1, r.count(SerialLinkState.CLOSED));
        assertEquals(SerialLinkState.CLOSED, r.changes().get(r.changes().size() - 1).state(), "CLOSED comes last");
        assertEquals(0, Files.size(lockFile), "the lock file is emptied");
        assertFalse(l.write(new byte[] {1}, 0, 1));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().endsWith(p.describe()) && t.getName().startsWith("serial-")),
                "the reader and writer threads ended");
    }

    static boolean await(BooleanSupplier condition, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            sleepMs(2);
        }
        return true;
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
