package com.lianarig.tools.panel;

import static com.lianarig.tools.panel.Messages.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keys, fed as a terminal sends them, against a stepped clock. */
class PanelControlsTest {
    private final AtomicLong nowMs = new AtomicLong(0);
    private final PanelModel model = new PanelModel(ROOT, "trainer-tablet");
    private final CapturingSink sink = new CapturingSink();
    private final Commander commander = new Commander(model, sink, "trainer-tablet", "legs", nowMs::get, 1);
    private final PanelControls controls = new PanelControls(commander, new HoldTracker(550, 150), nowMs::get, "legs");
    private final KeyDecoder decoder = new KeyDecoder();

    @BeforeEach
    void rigIsThere() {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", Messages.state(3, 1, 5000));
    }

    /** Types {@code bytes} at the current time, then lets the loop step. */
    private void type(String bytes) {
        for (char c : bytes.toCharArray()) {
            decoder.feed(c, nowMs.get()).forEach(controls::key);
        }
        controls.step();
    }

    /** Advances the clock in 10 ms loop steps. */
    private void waitMs(long ms) {
        for (long t = 0; t < ms; t += 10) {
            nowMs.addAndGet(10);
            decoder.flush(nowMs.get()).forEach(controls::key);
            controls.step();
        }
    }

    @Test
    void heldArrowJogsWhileItRepeatsAndReleasesWhenRepeatsStop() {
        type("\u001b[A");
        assertEquals(Hold.JOG_UP, commander.holding());
        waitMs(500); // the terminal's initial repeat delay
        for (int i = 0; i < 20; i++) { // then a repeat every 30 ms
            type("\u001b[A");
            waitMs(30);
        }
        assertEquals(Hold.JOG_UP, commander.holding(), "still held while the repeats come");
        waitMs(150);
        assertNull(commander.holding(), "released once no repeat came for 150 ms");
        List<String> commands = sink.commands();
        assertEquals(List.of("enable", "jog"), commands.subList(0, 2));
        assertEquals(List.of("enable", "jog"), commands.subList(commands.size() - 2, commands.size()));
        assertFalse(sink.sent.get(sink.sent.size() - 2).json().get("held").asBoolean());
        long refreshes = commands.stream().filter("enable"::equals).count() - 2;
        // The hold lasted 500 + 20 x 30 + ~150 ms = ~1250 ms: one refresh per 100 ms.
        assertTrue(refreshes >= 11 && refreshes <= 13, "refreshes: " + refreshes);
        assertEquals(2, commands.stream().filter("jog"::equals).count(), "one jog up, one jog none: repeats add none");
    }

    @Test
    void aTapHoldsForTheInitialRepeatDelayOnly() {
        type("j");
        assertEquals(Hold.JOG_DOWN, commander.holding());
        waitMs(550);
        assertEquals(Hold.JOG_DOWN, commander.holding());
        waitMs(10);
        assertNull(commander.holding());
    }

    @Test
    void spaceStopsAtOnceEvenDuringAHoldAndOnAPrompt() {
        type("k");
        type(" ");
        assertNull(commander.holding());
        assertEquals("stop", sink.sent.get(2).command());
        type("a");
        assertEquals("attach: client id", controls.ui().promptLabel());
        type("s");
        assertEquals("s", controls.ui().promptText(), "on a prompt, s is a letter");
        type(" ");
        assertEquals("stop", sink.last().command());
    }

    @Test
    void anotherKeyEndsAHold() {
        type("e");
        assertEquals(Hold.ENABLE, commander.holding());
        type("t");
        assertNull(commander.holding());
        assertEquals(List.of("enable", "enable", "take-control"), sink.commands());
    }

    @Test
    void attachAsksForTheClientId() {
        type("a");
        type("c-00x\u007f42\r");
        assertEquals("attach", sink.last().command());
        assertEquals("c-0042", sink.last().json().get("clientId").asText());
        assertNull(controls.ui().promptLabel());
    }

    @Test
    void attachUprightSendsTheExerciseAndAimShareTheShare() {
        type("A");
        type("c-7\r");
        assertEquals("attach", sink.last().command());
        assertEquals("upright-hang", sink.last().json().get("exercise").asText());
        type("a");
        type("c-8\r");
        assertNull(sink.last().json().get("exercise"), "a plain attach leaves the exercise to the controller's default");
        type("H");
        type("30\r");
        assertEquals("aim-share", sink.last().command());
        assertEquals(30, sink.last().json().get("loadSharePercent").asDouble(), 1e-9);
        int sent = sink.commands().size();
        type("H");
        type("300\r");
        assertEquals(sent, sink.commands().size(), "a share above 100 % is not sent");
    }

    @Test
    void escapeCancelsAPrompt() {
        type("a");
        type("c-1\u001b");
        waitMs(60);
        assertNull(controls.ui().promptLabel());
        assertTrue(sink.sent.isEmpty());
    }

    @Test
    void moveToAsksForGroupAndHeightAndGoesOutWithTheEnableWhileEIsHeld() {
        type("m\r1750\r");
        assertTrue(sink.sent.isEmpty(), "armed, not sent: without a live enable the rig refuses it (SR-10)");
        assertTrue(controls.ui().message().contains("hold e"), controls.ui().message());
        type("e");
        assertEquals(List.of("enable", "move-to"), sink.commands());
        assertTrue(sink.sent.get(0).json().get("held").asBoolean());
        assertEquals("legs", sink.last().json().get("group").asText());
        assertEquals(1750.0, sink.last().json().get("heightMm").asDouble());
        waitMs(600);
        assertFalse(sink.sent.get(sink.sent.size() - 1).json().path("held").asBoolean(true), "released with the key");
        type("e");
        assertEquals("move-to", sink.last().command(), "each hold of e asks for the move again");
        type("mlegs\rhigh\r");
        assertTrue(controls.ui().message().contains("not a number"), controls.ui().message());
    }

    @Test
    void aSegmentKeyIsHeldToAimThereWithTheEnableSentFirst() {
        type("p");
        assertTrue(sink.sent.isEmpty(), "no segment chosen yet");
        type("6");
        assertEquals(List.of("enable", "aim"), sink.commands());
        assertTrue(sink.sent.get(0).json().get("held").asBoolean());
        assertEquals("L4-L5", sink.last().json().get("segment").asText());
        assertEquals(Hold.AIM, commander.holding());
        waitMs(600);
        assertNull(commander.holding(), "released when the key's repeats stop");
        type("p");
        assertEquals("program-start", sink.last().command());
        assertEquals("enable", sink.sent.get(sink.sent.size() - 2).command());
        assertEquals("L4-L5", sink.last().json().get("segment").asText());
        assertEquals("", sink.last().json().get("presetId").asText());
    }

    @Test
    void aSegmentKeyPressedWhileEnableIsHeldAimsWithoutLettingGoOfTheEnable() {
        type("e");
        waitMs(500);
        for (int i = 0; i < 5; i++) {
            type("e");
            waitMs(30);
        }
        type("6"); // e still down, 6 pressed: the terminal now repeats 6
        for (int i = 0; i < 10; i++) {
            waitMs(30);
            type("6");
        }
        List<CapturingSink.Sent> beforeAim = sink.sent.subList(0, sink.commands().indexOf("aim"));
        assertTrue(beforeAim.stream().allMatch(c -> c.command().equals("enable") && c.json().get("held").asBoolean()),
                "no enable let go before the aim: " + sink.commands());
        assertEquals(Hold.AIM, commander.holding(), "the hold goes on with the new key");
        long refreshesAfterAim = sink.commands().subList(sink.commands().indexOf("aim"), sink.commands().size()).stream()
                .filter("enable"::equals).count();
        assertTrue(refreshesAfterAim >= 2, "the enable is refreshed while 6 repeats: " + sink.commands());
    }

    @Test
    void everyActionKeyMapsToItsCommand() {
        type("tTcDRwrxCO");
        assertEquals(List.of("take-control", "release-control", "client-ready", "detach", "reset", "program-pause",
                "program-resume", "program-stop", "pre-use-check-start", "save-offset"), sink.commands());
        type("b");
        assertEquals(List.of("enable", "rescue"), sink.commands().subList(10, 12));
    }

    @Test
    void quitReleasesAHold() {
        type("k");
        type("q");
        assertTrue(controls.quitRequested());
        assertEquals(List.of("enable", "jog", "enable", "jog"), sink.commands());
    }
}
