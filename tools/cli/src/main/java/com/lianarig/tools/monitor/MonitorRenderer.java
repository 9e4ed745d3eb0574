package com.lianarig.tools.monitor;

import com.lianarig.tools.mqtt.Ansi;
import com.lianarig.tools.mqtt.EventMessage;
import com.lianarig.tools.mqtt.FaultWords;
import com.lianarig.tools.mqtt.LoadBand;
import com.lianarig.tools.mqtt.StateMessage;
import com.lianarig.tools.mqtt.StatusMessage;
import com.lianarig.tools.mqtt.TelemetryMessage;
import java.util.List;
import java.util.Locale;

/**
 * The monitor's screen as text: one block per rig with online/offline, session, mode, faults, who is
 * in command, client, aim, a load bar per rope with its band, telemetry freshness and recent events.
 */
public final class MonitorRenderer {
    private static final int BAR_CHARS = 20;
    private static final int EVENT_BODY_CHARS = 80;

    private final Ansi ansi;

    public MonitorRenderer(Ansi ansi) {
        this.ansi = ansi;
    }

    /**
     * The rigs, each block ending in an empty line.
     *
     * @param heading the first line (broker and filter)
     */
    public String render(String heading, List<RigWatch> rigs) {
        StringBuilder out = new StringBuilder();
        out.append(ansi.bold(heading)).append("  ").append(rigs.size()).append(rigs.size() == 1 ? " rig" : " rigs")
                .append("\n\n");
        for (RigWatch rig : rigs) {
            rig(out, rig);
            out.append('\n');
        }
        return out.toString();
    }

    private void rig(StringBuilder out, RigWatch rig) {
        StatusMessage status = rig.status();
        out.append(ansi.bold(rig.root())).append("  ")
                .append(status.online() ? ansi.green("ONLINE") : ansi.alarm(" OFFLINE ") + " "
                        + (status.reason() == null ? "" : status.reason()))
                .append("  session ").append(status.session())
                .append(status.simulated() ? "  simulated" : "")
                .append(status.software() == null ? "" : "  software " + status.software()).append('\n');
        StateMessage state = rig.state();
        String indent = status.online() ? "  " : "  last known: ";
        if (state == null) {
            out.append("  no state received\n");
        } else {
            String mode = state.mode().equals("FAULT") || state.mode().equals("ESTOP") ? ansi.alarm(" " + state.mode() + " ")
                    : ansi.bold(state.mode());
            out.append(indent).append("mode ").append(mode)
                    .append(state.modeReason() == null ? "" : " (" + state.modeReason() + ")")
                    .append("  command: ").append(state.controlOwner() == null ? "nobody" : state.controlOwner())
                    .append("  client: ").append(state.client() == null ? "none" : state.client().id())
                    .append("  aim: ").append(aim(state)).append('\n');
            if (state.invertedAlarm()) {
                out.append("  ").append(ansi.alarm(String.format(Locale.ROOT, " SR-21 inverted %.0f s ",
                        state.invertedS() == null ? 0.0 : state.invertedS()))).append('\n');
            }
            if (state.faults().isEmpty()) {
                out.append("  faults: none\n");
            }
            for (StateMessage.Fault fault : state.faults()) {
                out.append("  fault: ").append(ansi.red(FaultWords.line(fault))).append('\n');
            }
        }
        TelemetryMessage telemetry = rig.telemetry();
        if (telemetry != null && status.online()) {
            for (TelemetryMessage.Rope rope : telemetry.ropes()) {
                out.append("  ").append(LoadBand.bar(ansi, rope.id(), rope.loadKg(), rope.limitKg(), rope.shareOfLimit(),
                        BAR_CHARS)).append('\n');
            }
        }
        out.append("  ").append(freshness(rig)).append('\n');
        if (rig.malformed() > 0) {
            out.append("  ").append(ansi.yellow(rig.malformed() + " malformed message(s) ignored")).append('\n');
        }
        for (EventMessage event : rig.events()) {
            String body = event.body().length() > EVENT_BODY_CHARS
                    ? event.body().substring(0, EVENT_BODY_CHARS - 3) + "..." : event.body();
            out.append("  event #").append(event.seq()).append(' ').append(event.kind()).append(' ').append(body).append('\n');
        }
    }

    private static String aim(StateMessage state) {
        if (state.aim() == null) {
            return "none";
        }
        String height = state.aim().heightMm() == null ? "" : String.format(Locale.ROOT, " at %.0f mm", state.aim().heightMm());
        return state.aim().words() + height + (state.liveSegment() == null ? "" : ", live " + state.liveSegment());
    }

    private String freshness(RigWatch rig) {
        if (!rig.status().online()) {
            return ansi.dim("telemetry: none (offline)");
        }
        if (rig.telemetry() == null) {
            return ansi.yellow("telemetry: none received (stale)");
        }
        String rate = rig.telemetryPeriodMs() > 0 ? String.format(Locale.ROOT, "%.1f Hz", 1000 / rig.telemetryPeriodMs())
                : "rate ?";
        String missing = rig.missingTelemetry() == 0 ? "none missing"
                : ansi.yellow(rig.missingTelemetry() + " missing (seq gaps)");
        String text = "telemetry: seq " + rig.telemetry().seq() + ", " + rate + ", " + missing;
        if (rig.stale()) {
            return text + "  " + ansi.alarm(String.format(Locale.ROOT, " STALE: none for %.1f s ", rig.telemetryAgeMs() / 1000.0));
        }
        return text + String.format(Locale.ROOT, ", %d ms ago", rig.telemetryAgeMs());
    }
}
