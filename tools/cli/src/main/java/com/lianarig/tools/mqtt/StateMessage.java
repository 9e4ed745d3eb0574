package com.lianarig.tools.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code R/state} (retained): what the rig is doing and who commands it. Nullable components are
 * null when the rig has none (no owner, no client, no aim, no program).
 *
 * @param clockMs the controller's monotonic clock, ms since the service started
 * @param invertedS continuous time inverted, s (SR-21)
 * @param invertedAlarm true once SR-21's alarm time is reached
 * @param enableLive true while a panel's enable is live (SR-10)
 * @param preUseCheck the pre-use check's progress in words (SR-18)
 */
public record StateMessage(long session, long seq, long clockMs, String mode, String modeReason, boolean simulated,
        String controlOwner, Client client, Aim aim, String liveSegment, List<Fault> faults, Program program,
        Double invertedS, boolean invertedAlarm, boolean enableLive, String preUseCheck) {

    /** The client strapped in: an opaque id and the body mass used for the load model. */
    public record Client(String id, Double massKg) {
    }

    /**
     * What is aimed at: a spine segment (inverted hang; {@code loadShare} null) or a share of body weight on
     * the finger loops (upright hang; {@code segment} null), and the unloaded height that aims at it.
     */
    public record Aim(String segment, Double loadShare, Double heightMm) {
        /** The aim in words: "L4-L5", or "40 % on the finger loops". */
        public String words() {
            if (segment != null) {
                return segment;
            }
            return loadShare == null ? "?" : String.format(java.util.Locale.ROOT, "%.0f %% on the finger loops",
                    loadShare * 100);
        }
    }

    /** A latched fault: the rule, its cause in words, the stop category and the role that may reset it. */
    public record Fault(String rule, String cause, String stop, String resetBy) {
    }

    /** A running session program. */
    public record Program(String phase, Long repetition, Long repetitions, Double holdS, Double holdElapsedS) {
    }

    public StateMessage {
        faults = List.copyOf(faults);
    }

    public static StateMessage parse(byte[] payload) throws MalformedPayloadException {
        JsonNode node = Json.object(payload, "state");
        JsonNode client = Json.child(node, "client");
        JsonNode aim = Json.child(node, "aim");
        JsonNode program = Json.child(node, "program");
        List<Fault> faults = new ArrayList<>();
        JsonNode faultList = node.get("faults");
        if (faultList != null && faultList.isArray()) {
            for (JsonNode fault : faultList) {
                faults.add(new Fault(Json.text(fault, "rule"), Json.text(fault, "cause"), Json.text(fault, "stop"),
                        Json.text(fault, "resetBy")));
            }
        } else if (faultList != null && !faultList.isNull()) {
            throw new MalformedPayloadException("state.faults is not a list");
        }
        return new StateMessage(Json.requiredLong(node, "session", "state"), Json.requiredLong(node, "seq", "state"),
                Json.requiredLong(node, "clockMs", "state"), Json.requiredText(node, "mode", "state"),
                Json.text(node, "modeReason"), Json.flag(node, "simulated"), Json.text(node, "controlOwner"),
                client == null ? null : new Client(Json.text(client, "id"), Json.number(client, "massKg")),
                aim == null ? null : new Aim(Json.text(aim, "segment"), Json.number(aim, "loadShare"),
                        Json.number(aim, "heightMm")),
                Json.text(node, "liveSegment"), faults,
                program == null ? null : new Program(Json.text(program, "phase"), Json.integer(program, "repetition"),
                        Json.integer(program, "repetitions"), Json.number(program, "holdS"),
                        Json.number(program, "holdElapsedS")),
                Json.number(node, "invertedS"), Json.flag(node, "invertedAlarm"), Json.flag(node, "enableLive"),
                Json.text(node, "preUseCheck"));
    }
}
