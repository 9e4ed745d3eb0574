package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.LoadBand;
import com.lianarig.tools.mqtt.ReplyMessage;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;
import java.util.Locale;

/**
 * The panel's screen as text: rig and session, mode and reason, who is in command, client, aim and
 * live segment, program (repetition, hold timer), time inverted (SR-21 alarm), pre-use check (SR-18),
 * faults with who may reset them, a load bar per rope with its band, the hold in progress, the last
 * reply, and the keys.
 */
public final class PanelRenderer {
    private static final int BAR_CHARS = 30;

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

    /** The whole screen, lines ending in "\n" (no screen control codes). */
    public String render(PanelView view, PanelUi ui) {
        StringBuilder out = new StringBuilder();
        out.append(ansi.bold("rig panel " + panelId)).append("  ").append(root).append("  ").append(brokerUri)
                .append(view.connected() ? "" : "  " + ansi.alarm(" broker connection lost: reconnecting ")).append('\n');
        status(out, view.status());
        StateMessage state = view.state();
        if (state == null) {
            out.append("state: none received yet\n");
        } else {
            state(out, state, view.telemetry());
        }
        ropes(out, view.telemetry());
        out.append('\n');
        String hold = ui.holding() == null ? "none" : ansi.bold(ui.holding().words() + " (held: enable sent every "
                + Commander.ENABLE_REFRESH_MS + " ms)");
        out.append("hold:     ").append(hold);
        if (state != null) {
            out.append(state.enableLive() ? "   rig: enable live" : "   rig: no enable");
        }
        out.append('\n');
        out.append("segment:  ").append(ui.chosenSegment() == null ? "none chosen (keys 1..7)" : ui.chosenSegment())
                .append('\n');
        out.append("last:     ").append(ui.message() == null ? "" : ui.message()).append('\n');
        out.append("reply:    ").append(reply(view.lastReply())).append('\n');
        if (view.malformed() > 0) {
            out.append(ansi.yellow("ignored " + view.malformed() + " malformed message(s); last: " + view.lastMalformed()))
                    .append('\n');
        }
        if (ui.promptLabel() != null) {
            out.append(ansi.bold(ui.promptLabel() + ": ")).append(ui.promptText()).append("_   (Enter: send, Esc: cancel)\n");
        }
        out.append('\n');
        out.append(ansi.dim("hold: Up/k jog up  Down/j jog down  e enable  b rescue descent   "
                + "SPACE/s STOP   R reset")).append('\n');
        out.append(ansi.dim("t take / T release control  a attach  c client ready  D detach  1-7 aim  m move-to  "
                + "O save offset")).append('\n');
        out.append(ansi.dim("A attach upright (finger loops)  H aim at a share of body weight on the loops"))
                .append('\n');
        out.append(ansi.dim("p program start  w pause  r resume  x program stop  C pre-use check  q quit")).append('\n');
        return out.toString();
    }

    private void status(StringBuilder out, StatusMessage status) {
        if (status == null) {
            out.append("rig:      ").append(ansi.yellow("no status yet")).append('\n');
            return;
        }
        String online = status.online() ? ansi.green("online") : ansi.alarm(" OFFLINE ")
                + (status.reason() == null ? "" : " (" + status.reason() + ")");
        out.append("rig:      ").append(online).append("  session ").append(status.session())
                .append(status.simulated() ? "  simulated" : "")
                .append(status.software() == null ? "" : "  software " + status.software()).append('\n');
    }

    private void state(StringBuilder out, StateMessage state, TelemetryMessage telemetry) {
        String mode = switch (state.mode()) {
            case "FAULT", "ESTOP" -> ansi.alarm(" " + state.mode() + " ");
            default -> ansi.bold(state.mode());
        };
        out.append("mode:     ").append(mode).append(state.modeReason() == null ? "" : "  " + state.modeReason())
                .append(state.simulated() ? "  (simulated rig)" : "").append('\n');
        String owner = state.controlOwner() == null ? "nobody"
                : state.controlOwner().equals(panelId) ? ansi.green(panelId + " (this panel)") : ansi.yellow(state.controlOwner());
        out.append("command:  ").append(owner).append('\n');
        StateMessage.Client client = state.client();
        out.append("client:   ").append(client == null ? "none" : client.id()
                + (client.massKg() == null ? "" : String.format(Locale.ROOT, "  %.1f kg", client.massKg()))).append('\n');
        StateMessage.Aim aim = state.aim();
        String aimed = aim == null ? "none" : aim.segment()
                + (aim.heightMm() == null ? "" : String.format(Locale.ROOT, " at %.0f mm", aim.heightMm()));
        String live = state.liveSegment() == null ? "-" : state.liveSegment();
        if (aim != null && state.liveSegment() != null && !state.liveSegment().equals(aim.segment())) {
            live = ansi.yellow(live);
        }
        out.append("aim:      ").append(aimed).append("   live estimate: ").append(live);
        if (telemetry != null && telemetry.liveShare() != null) {
            out.append(String.format(Locale.ROOT, " (ropes carry %.0f %% of body weight)", telemetry.liveShare() * 100));
        }
        out.append('\n');
        StateMessage.Program program = state.program();
        if (program != null) {
            Double elapsedS = telemetry != null && telemetry.holdElapsedS() != null ? telemetry.holdElapsedS()
                    : program.holdElapsedS();
            out.append("program:  ").append(program.phase() == null ? "?" : program.phase())
                    .append("  repetition ").append(number(program.repetition())).append('/')
                    .append(number(program.repetitions()))
                    .append("  hold ").append(seconds(elapsedS)).append(" / ").append(seconds(program.holdS()))
                    .append('\n');
        } else {
            out.append("program:  none\n");
        }
        Double invertedS = telemetry != null && telemetry.invertedS() != null ? telemetry.invertedS() : state.invertedS();
        String inverted = "inverted: " + minutes(invertedS);
        out.append(state.invertedAlarm() ? ansi.alarm(" " + inverted + "  SR-21: TOO LONG INVERTED, consider lowering ")
                : inverted).append('\n');
        out.append("pre-use:  ").append(state.preUseCheck() == null ? "?" : state.preUseCheck()).append('\n');
        if (state.faults().isEmpty()) {
            out.append("faults:   none\n");
        } else {
            for (StateMessage.Fault fault : state.faults()) {
                out.append("fault:    ").append(ansi.red(fault.rule() + " " + (fault.cause() == null ? "" : fault.cause())))
                        .append(fault.stop() == null ? "" : " (" + fault.stop() + ")")
                        .append("  reset by: ").append(fault.resetBy() == null ? "?" : fault.resetBy()).append('\n');
            }
        }
    }

    private void ropes(StringBuilder out, TelemetryMessage telemetry) {
        if (telemetry == null) {
            out.append("ropes:    no telemetry yet\n");
            return;
        }
        out.append("ropes:\n");
        for (TelemetryMessage.Rope rope : telemetry.ropes()) {
            out.append("  ").append(LoadBand.bar(ansi, rope.id(), rope.loadKg(), rope.limitKg(), rope.shareOfLimit(), BAR_CHARS))
                    .append('\n');
        }
        for (TelemetryMessage.Winch winch : telemetry.winches()) {
            out.append(String.format(Locale.ROOT, "  %-16s %8s mm %7s mm/s%n", winch.id(),
                    winch.positionMm() == null ? "?" : String.format(Locale.ROOT, "%.1f", winch.positionMm()),
                    winch.speedMmPerS() == null ? "?" : String.format(Locale.ROOT, "%.1f", winch.speedMmPerS())));
        }
    }

    private String reply(ReplyMessage reply) {
        if (reply == null) {
            return "none yet";
        }
        String about = (reply.command() == null ? "?" : reply.command()) + " #" + (reply.counter() == null ? "?" : reply.counter());
        if (reply.accepted()) {
            return ansi.green("accepted") + " " + about;
        }
        return ansi.red("REFUSED " + reply.reason()) + " " + about + (reply.detail() == null ? "" : ": " + reply.detail());
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
        return String.format(Locale.ROOT, "%d:%02d (%.1f s)", whole / 60, whole % 60, s);
    }
}
