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
 * <p>Nothing is injected in a soak, so every fault is unexpected, and every stop is, but those the scripted
 * trainer asked for itself ({@link #expectStop}: a deliberate STOP, the enable let go on purpose) within a
 * short window. Thread-safe: events arrive on the MQTT callback thread, the trainer marks its own stops.
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
    private long expectStopUntilNanos = Long.MIN_VALUE;
    private final Map<String, Long> stopsByRule = new TreeMap<>();
    private final Map<String, Long> faultsByRule = new TreeMap<>();

    SoakLedger(PrintStream out) {
        this.out = out;
    }

    /** The trainer is about to stop a motion on purpose (a STOP, or letting go of the enable). */
    synchronized void expectStop() {
        expectStopUntilNanos = System.nanoTime() + EXPECTED_STOP_WINDOW_MS * 1_000_000L;
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
                print("FAULT", body.path("rule").asText() + " " + body.path("cause").asText() + " ("
                        + body.path("stop").asText() + ", reset by " + body.path("resetBy").asText() + ")");
            }
            case "stop" -> {
                String rule = body.path("rule").asText();
                String why = body.path("why").asText();
                boolean hostDelay = why.startsWith("host delay");
                if (hostDelay) {
                    hostDelays++;
                }
                if (System.nanoTime() - expectStopUntilNanos < 0 && rule.equals("SR-10")) {
                    expectedStops++;
                    print("stop (asked)", rule + " " + body.path("group").asText() + ": " + why);
                } else {
                    unexpectedStops++;
                    stopsByRule.merge(rule, 1L, Long::sum);
                    print("STOP", rule + " " + body.path("group").asText() + ": " + why);
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
                    hostDelays++;
                }
                print("warning", body.path("rule").asText() + " " + what);
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
        return String.format(Locale.ROOT, "%d sessions, %d faults %s, %d unexpected stops %s, %d late steps, %d node"
                + " shutdowns, %d host delays, %d warnings, %d stops asked for, %d script problems", sessions, faults,
                faultsByRule, unexpectedStops, stopsByRule, lateSteps, nodeShutdowns, hostDelays, warnings,
                expectedStops, scriptProblems);
    }

    /** R-8's one line: {@code soak: H h, N sessions, F unexpected faults, S unexpected stops, L late steps}. */
    synchronized String summary(double hours) {
        return String.format(Locale.ROOT, "soak: %.2f h, %d sessions, %d unexpected faults, %d unexpected stops, %d late"
                + " steps", hours, sessions, faults, unexpectedStops, lateSteps);
    }
}
