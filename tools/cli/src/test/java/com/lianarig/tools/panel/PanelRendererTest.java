package com.lianarig.tools.panel;

import static com.lianarig.tools.panel.Messages.ROOT;
import static com.lianarig.tools.panel.Messages.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.LoadBand;
import java.util.List;
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
        assertTrue(green.contains(GREEN + "#".repeat(16) + ".".repeat(4)), green);
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
        assertTrue(screen.contains("mode:    READY  command: this panel  client strapped in"), screen);
        assertTrue(screen.contains("client:  c-0042 70 kg   aim: L4-L5 at 1750 mm   live: L4-L5 (ropes 51% of body)"), screen);
        assertTrue(screen.contains("program: holding rep 1/3 hold 1.2 s/3.0 s   upside down 0:12"), screen);
        assertTrue(screen.contains("pre-use: done today"), screen);
        assertTrue(screen.contains("online session 3 simulated"), screen);
    }

    @Test
    void faultsAreInWordsWithWhoMayResetAndTheInvertedAlarmStandsOut() {
        model.accept(ROOT + "/status", Messages.status(3));
        model.accept(ROOT + "/state", bytes("{\"session\":3,\"seq\":9,\"clockMs\":200000,\"mode\":\"FAULT\","
                + "\"modeReason\":\"overload\",\"simulated\":false,\"controlOwner\":\"tech-laptop\",\"client\":null,"
                + "\"aim\":null,\"liveSegment\":null,\"faults\":[{\"rule\":\"SR-1\",\"cause\":\"rope left-leg 152.3 kg > 150 kg\","
                + "\"stop\":\"category 1 stop\",\"resetBy\":\"trainer\"}],\"program\":null,\"invertedS\":185.0,"
                + "\"invertedAlarm\":true,\"enableLive\":false,\"preUseCheck\":\"brake test 2 of 3\"}"));
        String screen = new PanelRenderer(new Ansi(true), "trainer-tablet", ROOT, "tcp://127.0.0.1:1883").render(model.view(), IDLE);
        assertTrue(screen.contains("\u001b[1;41;97m FAULT "), screen);
        assertTrue(screen.replaceAll("\u001b\\[[0-9;]*m", "").replaceAll("\\n +", " ")
                .contains("rope overloaded (SR-1), trainer may reset: rope left-leg 152.3 kg > 150 kg"), screen);
        assertTrue(screen.contains("\u001b[1;41;97m upside down 3:05: TOO LONG (SR-21) "), screen);
        assertTrue(screen.contains(YELLOW + "tech-laptop"), "another panel in command: " + screen);
        assertTrue(screen.contains("pre-use: brake test 2 of 3"), screen);
        assertTrue(screen.contains("program: none"), screen);
    }

    @Test
    void theLastReplyShowsAcceptedOrTheRefusalWithReasonAndDetail() {
        model.accept(ROOT + "/reply/trainer-tablet", bytes("{\"session\":3,\"counter\":17,\"command\":\"jog\",\"accepted\":false,"
                + "\"reason\":\"NOT_IN_COMMAND\",\"detail\":\"trainer-tablet is not in command (tech-laptop is)\",\"clockMs\":51234}"));
        String screen = render(false, 0.1);
        assertTrue(screen.replaceAll("\\n +", " ").contains(
                "reply:   REFUSED NOT_IN_COMMAND jog #17: trainer-tablet is not in command (tech-laptop is)"), screen);
        model.asked(18, "stop");
        model.accept(ROOT + "/reply/trainer-tablet", bytes("{\"session\":3,\"counter\":18,\"command\":\"stop\",\"accepted\":true,"
                + "\"reason\":null,\"detail\":null,\"clockMs\":51300}"));
        assertTrue(render(false, 0.1).contains("reply:   accepted stop #18"));
    }

    @Test
    void theWholeScreenFitsAPlain80By24TerminalEvenWithSixRopesAndManyFaults() {
        model.accept(ROOT + "/status", Messages.status(3));
        StringBuilder faults = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            faults.append(i == 1 ? "" : ",").append("{\"rule\":\"SR-").append(i).append("\",\"cause\":\"")
                    .append("a very long cause that goes on and on about what the rig measured and why it stopped")
                    .append("\",\"stop\":\"category 1 stop\",\"resetBy\":\"technician\"}");
        }
        model.accept(ROOT + "/state", bytes("{\"session\":3,\"seq\":9,\"clockMs\":2000,\"mode\":\"FAULT\","
                + "\"modeReason\":\"many\",\"simulated\":true,\"controlOwner\":\"a-panel-with-a-long-name-xx\",\"client\":"
                + "{\"id\":\"c-0042-with-a-much-longer-opaque-id-than-usual\",\"massKg\":70.0},\"aim\":{\"segment\":\"T12-L1\","
                + "\"heightMm\":1750.0},\"liveSegment\":\"C7-T1\",\"faults\":[" + faults + "],\"program\":{\"phase\":"
                + "\"waiting-for-enable\",\"repetition\":10,\"repetitions\":10,\"holdS\":30.0,\"holdElapsedS\":12.2},"
                + "\"invertedS\":600.0,\"invertedAlarm\":true,\"enableLive\":true,\"preUseCheck\":"
                + "\"failed: left-leg-winch motor brake slipped (2.00 mm); right-leg-winch drum brake slipped\"}"));
        StringBuilder ropes = new StringBuilder();
        StringBuilder winches = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            ropes.append(i == 0 ? "" : ",").append("{\"id\":\"rope-number-").append(i)
                    .append("\",\"loadKg\":149.9,\"limitKg\":150.0,\"shareOfLimit\":0.999,\"band\":\"red\"}");
            winches.append(i == 0 ? "" : ",").append("{\"id\":\"winch-").append(i)
                    .append("\",\"positionMm\":1812.3,\"speedMmPerS\":-50.0}");
        }
        model.accept(ROOT + "/telemetry", bytes("{\"session\":3,\"seq\":1,\"clockMs\":2000,\"sampleAgeMs\":3.1,\"ropes\":["
                + ropes + "],\"winches\":[" + winches + "],\"liveShare\":0.91,\"invertedS\":600.0,\"holdElapsedS\":12.2}"));
        model.accept(ROOT + "/reply/trainer-tablet", bytes("{\"session\":3,\"counter\":17,\"command\":\"jog\",\"accepted\":false,"
                + "\"reason\":\"NOT_IN_COMMAND\",\"detail\":\"" + "x".repeat(300) + "\",\"clockMs\":51234}"));
        model.accept(ROOT + "/state", bytes("not json"));
        for (boolean colour : new boolean[] {false, true}) {
            String screen = new PanelRenderer(new Ansi(colour), "trainer-tablet", ROOT, "tcp://127.0.0.1:1883")
                    .render(model.view(), new PanelUi("T8", "move-to legs: height, mm", "1234", Hold.ENABLE,
                            "sent move-to legs 1234 #99 " + "and a long tail ".repeat(10)));
            List<String> lines = screen.lines().toList();
            assertTrue(lines.size() <= 24, lines.size() + " lines:\n" + screen);
            for (String line : lines) {
                String visible = line.replaceAll("\u001b\\[[0-9;]*m", "");
                assertTrue(visible.length() <= 80, visible.length() + " columns: " + visible);
            }
            assertTrue(screen.contains("REFUSED NOT_IN_COMMAND"), "the answer stays on screen: " + screen);
            assertTrue(screen.contains("and 3 more"), screen);
            assertTrue(screen.lines().anyMatch(l -> l.contains("q quit")), "the keys stay on screen");
        }
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
        assertTrue(screen.contains("hold:    jog up, held: enable every 100 ms   rig: no enable   segment: T8"), screen);
        assertTrue(screen.contains("attach: client id: c-00_"), screen);
        assertTrue(screen.contains("last:    sent jog up legs #5"), screen);
    }
}
