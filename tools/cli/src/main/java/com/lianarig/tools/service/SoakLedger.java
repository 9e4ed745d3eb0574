package com.lianarig.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the soak saw of the service, from its events (every journal record, {@code R/events}): each
 * fault, stop, late step, node shutdown and host delay, printed as it comes with its cause, and counted.
 *
 * <p>Nothing is injected in a soak and the virtual client is always within the rig's limits, so every fault is
 * a nuisance trip, and every stop is, but those the scripted trainer asked for itself ({@link #expectStop}: a
 * deliberate STOP or pause, an operator's stop within a short window). Each is printed with its cause and whose
 * delay it was: the host's (SR-8/SR-9 say "host delay": the service itself was late), the node's or the link's
 * (the node stopped answering), or the rig's own judgement. Thread-safe: events arrive on the MQTT callback
 * thread, the trainer marks its own stops.
 */
final class SoakLedger {
    /** A stop journalled this soon after the trainer asked for one is the trainer's, ms. */
    static final long EXPECTED_STOP_WINDOW_MS = 3_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private long faults;
    private long unexpectedStops;
    private long expectedStops;
    private long lateSteps;
    private long nodeShutdowns;
    private long warnings;
    private long hostDelays;
    private long sessions;
    private long scriptProblems;
    private long nodeStops;
    private boolean referencesLost;
    /** Until when a stop is the trainer's, System.nanoTime; at first, none is. */
    private long expectStopUntilNanos = startNanos;
    private final Map<String, Long> stopsByRule = new TreeMap<>();
    private final Map<String, Long> faultsByRule = new TreeMap<>();

    SoakLedger(PrintStream out) {
        this.out = out;
    }

    /** The trainer is about to stop a motion on purpose (a STOP, or letting go of the enable). */
    synchronized void expectStop() {
        expectStopUntilNanos = System.nanoTime() + EXPECTED_STOP_WINDOW_MS * 1_000_000L;
    }

    /**
     * Whether SR-23 voided a winch's position since the last call (a lost link): the technician must reference
     * before a trainer can move anything but the rescue descent.
     */
    synchronized boolean takeReferencesLost() {
        boolean lost = referencesLost;
        referencesLost = false;
        return lost;
    }

    synchronized void sessionDone() {
        sessions++;
    }

    /** Something in the trainer's script did not go as a trainer would expect (a refusal, a time-out). */
    synchronized void scriptProblem(String what) {
        scriptProblems++;
        print("script", what);
    }

    /** One event ({@code R/events}): a journal record. */
    synchronized void onEvent(JsonNode event) {
        String kind = event.path("kind").asText();
        JsonNode body = event.path("body");
        switch (kind) {
            case "fault" -> {
                faults++;
                faultsByRule.merge(body.path("rule").asText(), 1L, Long::sum);
                String cause = body.path("cause").asText();
                print("FAULT (nuisance: " + whose(cause) + ")", body.path("rule").asText() + " " + cause + " ("
                        + body.path("stop").asText() + ", reset by " + body.path("resetBy").asText() + ")");
            }
            case "stop" -> {
                String rule = body.path("rule").asText();
                String why = body.path("why").asText();
                boolean hostDelay = why.startsWith("host delay");
                if (hostDelay) {
                    hostDelays++;
                }
                if (System.nanoTime() - expectStopUntilNanos < 0 && (rule.isEmpty() || rule.equals("SR-10"))) {
                    expectedStops++;
                    print("stop (asked)", rule + " " + body.path("group").asText() + ": " + why);
                } else {
                    unexpectedStops++;
                    stopsByRule.merge(rule, 1L, Long::sum);
                    print("STOP (nuisance: " + whose(why) + ")", rule + " " + body.path("group").asText() + ": " + why);
                }
            }
            case "late-step" -> {
                lateSteps++;
                print("LATE STEP", "SR-22: control step " + body.path("lateMs").asText() + " ms late");
            }
            case "warning" -> {
                warnings++;
                String what = body.path("what").asText();
                if (what.startsWith("host delay")) {
                    hostDelays++; // counted, not printed: one per rope each time, and nothing stopped
                } else {
                    if (body.path("rule").asText().equals("SR-23") && what.contains("no longer trusted")) {
                        referencesLost = true;
                    }
                    print("warning", body.path("rule").asText() + " " + what);
                }
            }
            case "node" -> {
                if ("SHUTDOWN".equals(body.path("state").asText())) {
                    nodeShutdowns++;
                    print("NODE SHUTDOWN", "node " + body.path("address").asText() + " in its sticky shutdown");
                } else if (body.path("restarted").asBoolean(false)) {
                    print("NODE RESTART", "node " + body.path("address").asText() + " restarted");
                }
            }
            case "state" -> {
                String to = body.path("to").asText();
                if (to.equals("FAULT") || to.equals("ESTOP")) {
                    print("state", body.path("from").asText() + " -> " + to + ": " + body.path("reason").asText());
                }
            }
            default -> {
                // commands, brakes, rope loads, calibration uses, link counters: the service's ordinary record
            }
        }
    }

    /**
     * Whose delay or judgement a trip was, from its cause's words: the host's own lateness (SR-8 and SR-9 say
     * "host delay" / "the host was late"), the node's silence (SR-9's NODE_SILENT and heartbeat time-outs: the
     * node, its cable, or, in a soak, the machine that runs the virtual node), or the rig's judgement of what it
     * measured (any other rule).
     */
    static String whose(String cause) {
        String c = cause.toLowerCase(Locale.ROOT);
        if (c.contains("host delay") || c.contains("host was late")) {
            return "host delay";
        }
        if (c.contains("node_silent") || c.contains("heartbeat") || c.contains("port_lost") || c.contains("link")) {
            return "node or link silent";
        }
        return "the rig's judgement";
    }

    /** Stops the virtual node made by itself (its own SETPOINT_GAP etc.: the service log's "node fault" lines). */
    synchronized void nodeStops(long count) {
        nodeStops = count;
    }

    /** Nuisance trips: every fault, every stop the trainer did not ask for, every stop a node made by itself. */
    synchronized long nuisanceTrips() {
        return faults + unexpectedStops + nodeStops;
    }

    private void print(String what, String detail) {
        out.printf(Locale.ROOT, "%s %8.1f s  %-14s %s%n", TIME.format(Instant.now()),
                (System.nanoTime() - startNanos) / 1e9, what, detail);
        out.flush();
    }

    synchronized long faults() {
        return faults;
    }

    synchronized long unexpectedStops() {
        return unexpectedStops;
    }

    synchronized long lateSteps() {
        return lateSteps;
    }

    synchronized long nodeShutdowns() {
        return nodeShutdowns;
    }

    synchronized long sessions() {
        return sessions;
    }

    synchronized long scriptProblems() {
        return scriptProblems;
    }

    /** A line of the figures so far. */
    synchronized String progress() {
        return String.format(Locale.ROOT, "%d sessions, %d faults %s, %d unexpected stops %s, %d node stops, %d late"
                + " steps, %d node shutdowns, %d host delays, %d warnings, %d stops asked for, %d script problems",
                sessions, faults, faultsByRule, unexpectedStops, stopsByRule, nodeStops, lateSteps, nodeShutdowns,
                hostDelays, warnings, expectedStops, scriptProblems);
    }

    /** Nuisance trips per hour over {@code hours}, with the machine's load average beside it. */
    synchronized String nuisanceRate(double hours, String loadAverage) {
        return String.format(Locale.ROOT, "nuisance trips: %d in %.2f h = %.1f per hour (%d faults, %d unexpected stops,"
                + " %d node stops); load average %s", nuisanceTrips(), hours, hours > 0 ? nuisanceTrips() / hours : 0.0,
                faults, unexpectedStops, nodeStops, loadAverage);
    }

    /** R-8's one line: {@code soak: H h, N sessions, F unexpected faults, S unexpected stops, L late steps}. */
    synchronized String summary(double hours) {
        return String.format(Locale.ROOT, "soak: %.2f h, %d sessions, %d unexpected faults, %d unexpected stops, %d late"
                + " steps", hours, sessions, faults, unexpectedStops, lateSteps);
    }
}
