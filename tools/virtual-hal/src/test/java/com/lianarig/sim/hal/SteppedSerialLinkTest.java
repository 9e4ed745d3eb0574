package com.lianarig.sim.hal;

import static com.lianarig.sim.hal.FakeNodeEnd.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.hal.serial.SerialLinkState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SteppedSerialLink}: bytes move only when pumped, and the port lives as its caller says. */
class SteppedSerialLinkTest {
    private final FakeNodeEnd node = new FakeNodeEnd();
    private final LinkRecorder recorder = new LinkRecorder();
    private final ByteArrayOutputStream tapped = new ByteArrayOutputStream();
    private final SteppedSerialLink link = new SteppedSerialLink(node.cable, tapped::write);

    @Test
    void bytesMoveBothWaysOnlyWhenPumpedAndOnlyWhileOpen() {
        link.start(recorder, recorder);
        assertEquals(List.of(SerialLinkState.OPENING), recorder.states());
        assertFalse(link.write(ascii("early"), 0, 5), "not open yet: dropped");
        node.send("boot");
        link.pump();
        assertEquals("", recorder.text(), "read while not open: dropped");

        link.open();
        assertEquals(SerialLinkState.OPEN, link.state());
        assertTrue(link.write(ascii("hello"), 0, 5));
        assertEquals(5, link.pendingHostBytes());
        assertEquals("", node.received(), "nothing reaches the node before a pump");
        node.send("world");
        link.pump();
        assertEquals("hello", node.received());
        assertEquals("hello", tapped.toString(StandardCharsets.US_ASCII), "the tap sees what was sent");
        assertEquals("world", recorder.text());
        assertEquals(0, link.pendingHostBytes());
    }

    @Test
    void aLostPortReportsLostThenReconnectingDropsWhatWasNotPumpedAndReopensOnRequest() {
        link.start(recorder, recorder);
        link.open();
        link.write(ascii("stale"), 0, 5);
        link.lose("read returned -1 (errno 5): the device went away");
        assertEquals(List.of(SerialLinkState.OPENING, SerialLinkState.OPEN, SerialLinkState.LOST,
                SerialLinkState.RECONNECTING), recorder.states());
        assertEquals("read returned -1 (errno 5): the device went away", recorder.changes().get(2).reason());
        assertFalse(link.write(ascii("x"), 0, 1));
        link.pump();
        assertEquals("", node.received(), "bytes queued before the loss never reach the node");

        link.open();
        link.write(ascii("fresh"), 0, 5);
        link.pump();
        assertEquals("fresh", node.received());
        assertThrows(IllegalStateException.class, link::open, "already open");
    }

    @Test
    void aWriteThatDoesNotFitIsDroppedAndThePortIsLostAtTheNextPump() {
        link.start(recorder, recorder);
        link.open();
        byte[] big = new byte[SteppedSerialLink.HOST_BUFFER_BYTES - 10];
        assertTrue(link.write(big, 0, big.length));
        assertFalse(link.write(new byte[20], 0, 20), "does not fit");
        assertFalse(link.write(new byte[1], 0, 1), "nothing more once the loss is pending");
        link.pump();
        assertEquals(SerialLinkState.RECONNECTING, link.state());
        LinkRecorder.Change lost = recorder.changes().get(2);
        assertEquals(SerialLinkState.LOST, lost.state());
        assertTrue(lost.reason().contains("host buffer is full"), lost.reason());
        assertEquals(0, node.received().length(), "the buffered bytes are dropped with the port");
    }

    @Test
    void closingIsFinalAndReportedOnce() {
        link.start(recorder, recorder);
        link.open();
        link.close();
        link.close();
        assertEquals(1, recorder.count(SerialLinkState.CLOSED));
        assertFalse(link.write(ascii("x"), 0, 1));
        node.send("late");
        link.pump();
        assertEquals("", recorder.text());
        assertThrows(IllegalStateException.class, link::open);
        assertThrows(IllegalStateException.class, () -> link.start(recorder, recorder));
    }

    @Test
    void losingAPortThatIsNotOpenIsAMistake() {
        link.start(recorder, recorder);
        assertThrows(IllegalStateException.class, () -> link.lose("how"));
    }
}
