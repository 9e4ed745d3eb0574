package com.lianarig.tools.panel;

import static com.lianarig.tools.panel.Messages.ROOT;
import static com.lianarig.tools.panel.Messages.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.LoadBand;
import org.junit.jupiter.api.Test;

class PanelRendererTest {
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final PanelUi IDLE = new PanelUi(null, null, "", null, "ready");

    private final PanelModel model = new PanelModel(ROOT, "trainer-tablet");

    private String render(boolean color, double leftShare) {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", Messages.state(3, 1, 1000));
        model.accept(ROOT + "/telemetry", Messages.telemetry(3, 1, 1000, leftShare));
        return new PanelRenderer(new Ansi(color), "trainer-tablet", ROOT, "tcp://127.0.0.1:1883").render(model.view(), IDLE);
    }

    private static String ropeLine(String screen) {
        return screen.lines().filter(line -> line.contains("left-leg ")).findFirst().orElseThrow();
    }

    @Test
    void theBandsChangeJustAbove80And95PercentOfTheLimit() {
        assertEquals(LoadBand.GREEN, LoadBand.of(0.80));
        assertEquals(LoadBand.YELLOW, LoadBand.of(0.8001));
        assertEquals(LoadBand.YELLOW, LoadBand.of(0.95));
        assertEquals(LoadBand.RED, LoadBand.of(0.9501));
        assertEquals(LoadBand.GREEN, LoadBand.of(120.0 / 150.0), "120 kg of 150 is exactly 80 %");
        assertEquals(LoadBand.UNKNOWN, LoadBand.of(null));
    }

    @Test
    void ropeLinesShowKgShareAndTheBandInItsColour() {
        String green = ropeLine(render(true, 0.80));
        assertTrue(green.contains("120.0 kg of 150"), green);
        assertTrue(green.contains(GREEN + " 80%"), green);
        assertTrue(green.contains(GREEN + "green"), green);
        assertTrue(green.contains(GREEN + "#".repeat(24) + ".".repeat(6)), green);
        String yellow = ropeLine(render(true, 0.81));
        assertTrue(yellow.contains(YELLOW + "yellow"), yellow);
        assertTrue(ropeLine(render(true, 0.95)).contains(YELLOW + "yellow"));
        String red = ropeLine(render(true, 0.96));
        assertTrue(red.contains(RED + "red"), red);
        assertTrue(red.contains("144.0 kg"), red);
    }

    @Test
    void withoutColourThereAreNoEscapeCodesButTheBandIsNamed() {
        String screen = render(false, 0.9);
        assertFalse(screen.contains("\u001b"), screen);
        assertTrue(ropeLine(screen).endsWith(" 90% yellow"), ropeLine(screen));
    }

    @Test
    void theScreenShowsModeOwnerClientAimLiveSegmentProgramInvertedAndPreUseCheck() {
        String screen = render(false, 0.2);
        assertTrue(screen.contains("mode:     READY  client strapped in"), screen);
        assertTrue(screen.contains("trainer-tablet (this panel)"), screen);
        assertTrue(screen.contains("client:   c-0042  70.0 kg"), screen);
        assertTrue(screen.contains("aim:      L4-L5 at 1750 mm   live estimate: L4-L5 (ropes carry 51 % of body weight)"), screen);
        assertTrue(screen.contains("program:  holding  repetition 1/3  hold 1.2 s / 3.0 s"), screen);
        assertTrue(screen.contains("inverted: 0:12 (12.5 s)"), screen);
        assertTrue(screen.contains("pre-use:  done today"), screen);
        assertTrue(screen.contains("rig:      online  session 3  simulated  software 0.1.0"), screen);
    }

    @Test
    void faultsNameWhoMayResetAndTheInvertedAlarmStandsOut() {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", bytes("{\"session\":3,\"seq\":9,\"clockMs\":200000,\"mode\":\"FAULT\","
                + "\"modeReason\":\"overload\",\"simulated\":false,\"controlOwner\":\"tech-laptop\",\"client\":null,"
                + "\"aim\":null,\"liveSegment\":null,\"faults\":[{\"rule\":\"SR-1\",\"cause\":\"rope left-leg 152.3 kg > 150 kg\","
                + "\"stop\":\"category 1\",\"resetBy\":\"trainer\"}],\"program\":null,\"invertedS\":185.0,"
                + "\"invertedAlarm\":true,\"enableLive\":false,\"preUseCheck\":\"brake test 2 of 3\"}"));
        String screen = new PanelRenderer(new Ansi(true), "trainer-tablet", ROOT, "tcp://127.0.0.1:1883").render(model.view(), IDLE);
        assertTrue(screen.contains("\u001b[1;41;97m FAULT "), screen);
        assertTrue(screen.contains("SR-1 rope left-leg 152.3 kg > 150 kg"), screen);
        assertTrue(screen.contains("(category 1)  reset by: trainer"), screen);
        assertTrue(screen.contains("\u001b[1;41;97m inverted: 3:05 (185.0 s)  SR-21"), screen);
        assertTrue(screen.contains(YELLOW + "tech-laptop"), "another panel in command: " + screen);
        assertTrue(screen.contains("pre-use:  brake test 2 of 3"), screen);
        assertTrue(screen.contains("program:  none"), screen);
    }

    @Test
    void theLastReplyShowsAcceptedOrTheRefusalWithReasonAndDetail() {
        model.accept(ROOT + "/reply/trainer-tablet", bytes("{\"session\":3,\"counter\":17,\"command\":\"jog\",\"accepted\":false,"
                + "\"reason\":\"NOT_IN_COMMAND\",\"detail\":\"trainer-tablet is not in command (tech-laptop is)\",\"clockMs\":51234}"));
        String screen = render(false, 0.1);
        assertTrue(screen.contains("reply:    REFUSED NOT_IN_COMMAND jog #17: trainer-tablet is not in command (tech-laptop is)"),
                screen);
        model.accept(ROOT + "/reply/trainer-tablet", bytes("{\"session\":3,\"counter\":18,\"command\":\"stop\",\"accepted\":true,"
                + "\"reason\":null,\"detail\":null,\"clockMs\":51300}"));
        assertTrue(render(false, 0.1).contains("reply:    accepted stop #18"));
    }

    @Test
    void malformedPayloadsAreCountedNotFatal() {
        model.accept(ROOT + "/state", bytes("not json"));
        model.accept(ROOT + "/telemetry", bytes("{\"session\":3}"));
        String screen = render(false, 0.1);
        assertTrue(screen.contains("ignored 2 malformed message(s); last: telemetry: telemetry.ropes is missing"), screen);
    }

    @Test
    void holdAndPromptAreShown() {
        render(false, 0.1);
        String screen = new PanelRenderer(new Ansi(false), "trainer-tablet", ROOT, "tcp://127.0.0.1:1883")
                .render(model.view(), new PanelUi("T8", "attach: client id", "c-00", Hold.JOG_UP, "sent jog up legs #5"));
        assertTrue(screen.contains("hold:     jog up (held: enable sent every 100 ms)   rig: no enable"), screen);
        assertTrue(screen.contains("segment:  T8"), screen);
        assertTrue(screen.contains("attach: client id: c-00_"), screen);
        assertTrue(screen.contains("last:     sent jog up legs #5"), screen);
    }
}
