package com.lianarig.sim.hal;

import static com.lianarig.sim.hal.FakeNodeEnd.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.serial.SerialLinkState;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.transport.InProcessLink;
import com.lianarig.sim.transport.LineFaults;
import com.lianarig.sim.transport.NodeInput;
import com.lianarig.sim.transport.NodePort;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link VirtualSerialLink} on the wall clock against the node's end of an in-process cable: bytes
 * both ways on its own threads, an unplug lost and the replug reopened, an overflowing queue, close.
 */
@Timeout(20)
class VirtualSerialLinkTest {
    private final FakeNodeEnd node = new FakeNodeEnd();
    private final LinkRecorder recorder = new LinkRecorder();
    private final VirtualSerialLink link = new VirtualSerialLink(node.cable, "fake node",
            SerialSettings.defaults());

    @AfterEach
    void close() {
        link.close();
    }

    @Test
    void opensAndCarriesBytesBothWaysOnItsOwnThreads() {
        assertFalse(link.write(ascii("early"), 0, 5), "not started: dropped");
        link.start(recorder, recorder);
        assertTrue(await(() -> link.state() == SerialLinkState.OPEN, 1_000), recorder.states().toString());
        assertEquals(List.of(SerialLinkState.OPENING, SerialLinkState.OPEN), recorder.states());
        assertTrue(recorder.changes().get(1).thread().getName().startsWith("serial-reader fake node"));

        node.send("from the node");
        assertTrue(await(() -> recorder.text().equals("from the node"), 1_000), recorder.text());
        assertTrue(link.write(ascii("from the host"), 0, 13));
        assertTrue(await(() -> node.received().equals("from the host"), 1_000), node.received());
    }

    @Test
    void anUnpluggedCableIsLostUntilPluggedBackInThenReopened() {
        link.start(recorder, recorder);
        assertTrue(await(() -> link.state() == SerialLinkState.OPEN, 1_000));

        long pulledAt = System.nanoTime();
        node.cable.unplugged(true);
        assertTrue(await(() -> recorder.count(SerialLinkState.LOST) == 1, 1_000), recorder.states().toString());
        long lostAfterMs = (System.nanoTime() - pulledAt) / 1_000_000;
        LinkRecorder.Change lost = recorder.changes().get(2);
        assertTrue(lost.reason().contains("unplugged"), lost.reason());
        assertTrue(lostAfterMs < 500, "LOST " + lostAfterMs + " ms after the pull");
        assertFalse(link.write(ascii("x"), 0, 1), "not open: dropped");

        sleepMs(400); // out for a while: attempts fail with backoff (100, 200 ms)
        assertTrue(recorder.count(SerialLinkState.RECONNECTING) >= 2, recorder.states().toString());
        assertEquals(1, recorder.count(SerialLinkState.OPEN), "never open while unplugged");
        assertTrue(recorder.last().reason().contains("unplugged") || recorder.last().state() == SerialLinkState.OPENING,
                recorder.last().toString());

        node.cable.unplugged(false);
        assertTrue(await(() -> link.state() == SerialLinkState.OPEN, 3_000), recorder.states().toString());
        node.send("again");
        assertTrue(await(() -> recorder.text().equals("again"), 1_000), recorder.text());
        link.write(ascii("back"), 0, 4);
        assertTrue(await(() -> node.received().equals("back"), 1_000), node.received());
    }

    @Test
    void aCableCutOneWayIsASilentLineNotALostPort() {
        link.start(recorder, recorder);
        assertTrue(await(() -> link.state() == SerialLinkState.OPEN, 1_000));
        node.cable.toHostFaults().unplugged(true);
        node.send("lost on the wire");
        sleepMs(100);
        assertEquals(SerialLinkState.OPEN, link.state());
        assertEquals("", recorder.text());
    }

    @Test
    void aTransmitQueueThatDoesNotDrainLosesThePort() {
        CountDownLatch stuck = new CountDownLatch(1);
        InProcessLink cable = new InProcessLink(new SplittableRandom(3));
        cable.connectNode((bytes, offset, length) -> awaitQuietly(stuck)); // a node that never takes its bytes
        LinkRecorder r = new LinkRecorder();
        try (VirtualSerialLink l = new VirtualSerialLink(cable, "stuck node", SerialSettings.defaults())) {
            try {
                l.start(r, r);
                assertTrue(await(() -> l.state() == SerialLinkState.OPEN, 1_000));
                byte[] frame = new byte[100];
                int accepted = 0;
                while (l.write(frame, 0, frame.length)) {
                    accepted++;
                    assertTrue(accepted < 1_000, "the queue never filled");
                }
                assertTrue(await(() -> r.count(SerialLinkState.LOST) == 1, 1_000), r.states().toString());
                String why = r.changes().stream().filter(c -> c.state() == SerialLinkState.LOST).findFirst()
                        .orElseThrow().reason();
                assertTrue(why.contains("transmit queue is full (4096 bytes)"), why);
            } finally {
                stuck.countDown(); // the writer thread is held in the node: let it go before closing
            }
        }
    }

    @Test
    void closingStopsBothThreadsAndIsFinal() {
        link.start(recorder, recorder);
        assertTrue(await(() -> link.state() == SerialLinkState.OPEN, 1_000));
        link.close();
        link.close();
        assertEquals(SerialLinkState.CLOSED, link.state());
        assertEquals(1, recorder.count(SerialLinkState.CLOSED));
        assertEquals(SerialLinkState.CLOSED, recorder.last().state(), "nothing after CLOSED");
        assertFalse(link.write(ascii("x"), 0, 1));
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().endsWith(" fake node")),
                "reader and writer stopped");
        assertThrows(IllegalStateException.class, () -> link.start(recorder, recorder));
    }

    @Test
    void aLinkToARigNodeIsNamedAfterItAndOnlyOnAnInProcessCable() {
        try (VirtualRig rig = VirtualRig.standardInProcess(1)) {
            assertEquals("virtual node 1 (VR-0001)", VirtualSerialLink.toNode(rig, 0, SerialSettings.defaults())
                    .describe());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VirtualSerialLink.toNode(rig, 1, SerialSettings.defaults()));
            assertTrue(e.getMessage().contains("no node 1"), e.getMessage());
        }
        try (VirtualRig rig = VirtualRig.standard(1, spec -> new ElsewherePort())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VirtualSerialLink.toNode(rig, 0, SerialSettings.defaults()));
            assertTrue(e.getMessage().contains("is on /dev/pts/99, not an in-process cable"), e.getMessage());
        }
    }

    /** A port the rig's node writes into that is not an in-process cable (as a pty would be). */
    private static final class ElsewherePort implements NodePort {
        private final LineFaults faults = new LineFaults(new SplittableRandom(1));

        @Override
        public void write(byte[] bytes, int offset, int length) {
        }

        @Override
        public void connectNode(NodeInput node) {
        }

        @Override
        public String describe() {
            return "/dev/pts/99";
        }

        @Override
        public LineFaults toHostFaults() {
            return faults;
        }

        @Override
        public LineFaults toNodeFaults() {
            return faults;
        }

        @Override
        public void unplugged(boolean pulled) {
        }

        @Override
        public void close() {
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
