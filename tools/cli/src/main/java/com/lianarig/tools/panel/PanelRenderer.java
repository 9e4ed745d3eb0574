package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.FaultWords;
import com.lianarig.tools.mqtt.LoadBand;
import com.lianarig.tools.mqtt.ReplyMessage;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The panel's screen as text, made to fit a plain 80 x 24 terminal ({@value #COLUMNS} columns, at most
 * {@value #ROWS} lines; a longer line is cut, marked with ">"): rig and session, mode and reason, who is
 * in command, client, aim and live segment, program (repetition, hold timer), time upside down (SR-21
 * alarm), pre-use check (SR-18), faults in words with who may reset them, a load bar per rope with
 * its band, the hold in progress, what was sent and the rig's answer to it, and the keys.
 */
public final class PanelRenderer {
    static final int COLUMNS = 80;
    static final int ROWS = 24;
    static final int MAX_FAULT_LINES = 2;
    private static final int BAR_CHARS = 20;
    static final List<String> KEYS = List.of(
            "hold: Up/k Down/j nudge  1-7 aim at segment  p program  e enable  b rescue",
            "SPACE/s STOP  t/T take/release  a attach  c ready  D detach  m move-to, hold e",
            "R reset  w/r/x pause/resume/end program  O save preset  C pre-use check  q quit",
            "upright: A attach in the finger loops  H aim at a share of body weight");

    private final Ansi ansi;
    private final String panelId;
    private final String root;
    private final String brokerUri;

    public PanelRenderer(Ansi ansi, String panelId, String root, String brokerUri) {
        this.ansi = ansi;
        this.panelId = panelId;
        this.root = root;
        this.brokerUri = brokerUri;
    }

    /** The whole screen, lines ending in "\n" (no screen control codes), at most 24 lines of 80 columns. */
    public String render(PanelView view, PanelUi ui) {
        List<String> top = new ArrayList<>();
        top.add(ansi.bold("rig panel " + panelId) + "  " + status(view.status()) + "  " + root
                + (view.connected() ? "" : "  " + ansi.alarm(" broker lost: reconnecting ")));
        StateMessage state = view.state();
        TelemetryMessage telemetry = view.telemetry();
        if (state == null) {
            top.add("state: none received yet (" + brokerUri + ")");
        } else {
            state(top, state, telemetry);
        }
        List<String> ropes = ropes(telemetry);
        List<String> bottom = new ArrayList<>();
        String hold = ui.holding() == null ? "none" : ansi.bold(ui.holding().words() + ", held: enable every "
                + Commander.ENABLE_REFRESH_MS + " ms");
        bottom.add("hold:    " + hold + (state == null ? "" : state.enableLive() ? "   rig: enable live" : "   rig: no enable")
                + "   segment: " + (ui.chosenSegment() == null ? "none (1..7)" : ui.chosenSegment()));
        bottom.add("last:    " + (ui.message() == null ? "" : ui.message()));
        // the rig's answer may take two lines: a refusal's detail is what the trainer needs to read
        bottom.addAll(wrapped("reply:   " + reply(view.lastReply(), view.asked())));
        if (ui.promptLabel() != null) {
            bottom.add(ansi.bold(ui.promptLabel() + ": ") + ui.promptText() + "_  (Enter: send, Esc: cancel)");
        } else if (view.malformed() > 0) {
            bottom.add(ansi.yellow("ignored " + view.malformed() + " malformed message(s); last: " + view.lastMalformed()));
        }
        List<String> keys = KEYS.stream().map(ansi::dim).toList();

        // the rope lines give way first when a screen is full (the faults, the answer and the keys never do)
        int room = ROWS - top.size() - bottom.size() - keys.size();
        List<String> lines = new ArrayList<>(top);
        lines.addAll(ropes.subList(0, Math.max(0, Math.min(ropes.size(), room))));
        lines.addAll(bottom);
        lines.addAll(keys);
        StringBuilder out = new StringBuilder();
        for (String line : lines.subList(0, Math.min(lines.size(), ROWS))) {
            out.append(clip(line, COLUMNS)).append('\n');
        }
        return out.toString();
    }

    private String status(StatusMessage status) {
        if (status == null) {
            return ansi.yellow("no status yet");
        }
        String online = status.online() ? ansi.green("online") : ansi.alarm(" OFFLINE ")
                + (status.reason() == null ? "" : " (" + status.reason() + ")");
        return online + " session " + status.session() + (status.simulated() ? " simulated" : "");
    }

    private void state(List<String> out, StateMessage state, TelemetryMessage telemetry) {
        String mode = switch (state.mode()) {
            case "FAULT", "ESTOP" -> ansi.alarm(" " + state.mode() + " ");
            default -> ansi.bold(state.mode());
        };
        String owner = state.controlOwner() == null ? "nobody"
                : state.controlOwner().equals(panelId) ? ansi.green("this panel") : ansi.yellow(state.controlOwner());
        String reason = state.mode().equals("FAULT") ? "see the fault lines" : state.modeReason();
        out.add("mode:    " + mode + "  command: " + owner + (reason == null ? "" : "  " + reason));
        StateMessage.Client client = state.client();
        StateMessage.Aim aim = state.aim();
        String aimed = aim == null ? "none" : aim.words()
                + (aim.heightMm() == null ? "" : String.format(Locale.ROOT, " at %.0f mm", aim.heightMm()));
        String live = state.liveSegment() == null ? "-" : state.liveSegment();
        if (aim != null && state.liveSegment() != null && !state.liveSegment().equals(aim.segment())) {
            live = ansi.yellow(live);
        }
        out.add("client:  " + (client == null ? "none" : client.id() + (client.massKg() == null ? ""
                : String.format(Locale.ROOT, " %.0f kg", client.massKg()))) + "   aim: " + aimed + "   live: " + live
                + (telemetry != null && telemetry.liveShare() != null
                        ? String.format(Locale.ROOT, " (ropes %.0f%% of body)", telemetry.liveShare() * 100) : ""));
        StateMessage.Program program = state.program();
        String programText = "none";
        if (program != null) {
            Double elapsedS = telemetry != null && telemetry.holdElapsedS() != null ? telemetry.holdElapsedS()
                    : program.holdElapsedS();
            programText = (program.phase() == null ? "?" : program.phase()) + " rep " + number(program.repetition()) + "/"
                    + number(program.repetitions()) + " hold " + seconds(elapsedS) + "/" + seconds(program.holdS());
        }
        Double invertedS = telemetry != null && telemetry.invertedS() != null ? telemetry.invertedS() : state.invertedS();
        String inverted = "upside down " + minutes(invertedS);
        out.add("program: " + programText + "   " + (state.invertedAlarm()
                ? ansi.alarm(" " + inverted + ": TOO LONG (SR-21) ") : inverted));
        out.add("pre-use: " + (state.preUseCheck() == null ? "?" : state.preUseCheck()));
        List<StateMessage.Fault> faults = state.faults();
        for (int i = 0; i < Math.min(faults.size(), MAX_FAULT_LINES); i++) {
            for (String line : wrapped("fault:   " + FaultWords.line(faults.get(i)))) {
                out.add(ansi.red(line));
            }
        }
        if (faults.size() > MAX_FAULT_LINES) {
            out.add("fault:   " + ansi.red("and " + (faults.size() - MAX_FAULT_LINES) + " more (rig monitor lists all)"));
        }
    }

    private List<String> ropes(TelemetryMessage telemetry) {
        List<String> lines = new ArrayList<>();
        if (telemetry == null) {
            lines.add("ropes:   no telemetry yet");
            return lines;
        }
        for (TelemetryMessage.Rope rope : telemetry.ropes()) {
            lines.add(LoadBand.bar(ansi, rope.id(), rope.loadKg(), rope.limitKg(), rope.shareOfLimit(), BAR_CHARS));
        }
        StringBuilder winches = new StringBuilder("winches:");
        for (TelemetryMessage.Winch w : telemetry.winches()) {
            winches.append(String.format(Locale.ROOT, "  %s %s mm %s mm/s", w.id().replace("-winch", ""),
                    w.positionMm() == null ? "?" : String.format(Locale.ROOT, "%.0f", w.positionMm()),
                    w.speedMmPerS() == null ? "?" : String.format(Locale.ROOT, "%.0f", w.speedMmPerS())));
        }
        lines.add(winches.toString());
        return lines;
    }

    private String reply(ReplyMessage reply, String asked) {
        if (reply == null) {
            return asked == null ? "none yet" : "waiting for the answer to " + asked;
        }
        String about = (reply.command() == null ? "?" : reply.command()) + " #" + (reply.counter() == null ? "?" : reply.counter());
        if (reply.accepted()) {
            return ansi.green("accepted") + " " + about + (reply.detail() == null ? "" : ": " + reply.detail());
        }
        return ansi.red("REFUSED " + reply.reason()) + " " + about + (reply.detail() == null ? "" : ": " + reply.detail());
    }

    /**
     * {@code line} on at most two lines of {@value #COLUMNS} columns, the second indented; the rest is
     * cut (marked ">"). Colour is dropped where it wraps: the caller colours each line.
     */
    private static List<String> wrapped(String line) {
        String plain = line.replaceAll("\u001b\\[[0-9;]*m", "");
        if (plain.length() <= COLUMNS) {
            return List.of(line);
        }
        int cut = plain.lastIndexOf(' ', COLUMNS);
        cut = cut < COLUMNS / 2 ? COLUMNS : cut;
        return List.of(plain.substring(0, cut), "         " + plain.substring(cut).strip());
    }

    /** {@code line} cut to {@code columns} visible characters (escape codes kept whole and closed). */
    static String clip(String line, int columns) {
        StringBuilder out = new StringBuilder();
        int visible = 0;
        boolean styled = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\u001b') {
                int end = line.indexOf('m', i);
                if (end < 0) {
                    break;
                }
                String code = line.substring(i, end + 1);
                out.append(code);
                styled = !code.equals("\u001b[0m");
                i = end;
                continue;
            }
            if (visible == columns - 1 && hasVisibleAfter(line, i + 1)) {
                out.append('>');
                visible++;
                break;
            }
            out.append(c);
            visible++;
        }
        if (styled) {
            out.append("\u001b[0m");
        }
        return out.toString();
    }

    private static boolean hasVisibleAfter(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == '\u001b') {
                int end = line.indexOf('m', i);
                if (end < 0) {
                    return false;
                }
                i = end;
            } else {
                return true;
            }
        }
        return false;
    }

    private static String number(Long n) {
        return n == null ? "?" : n.toString();
    }

    private static String seconds(Double s) {
        return s == null ? "?" : String.format(Locale.ROOT, "%.1f s", s);
    }

    private static String minutes(Double s) {
        if (s == null) {
            return "-";
        }
        long whole = (long) Math.floor(s);
        return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
