package com.lianarig.tools.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.tools.mqtt.BrokerClient;
import com.lianarig.tools.mqtt.BrokerException;
import com.lianarig.tools.mqtt.BrokerOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The soak's people (R-8), over MQTT as docs/mqtt.md says panels talk: a technician who references the
 * winches and waives the pre-use check once, then a trainer who runs whole sessions again and again
 * (attach a client, client-ready, aim, a nudge saved, a program with a pause now and then, a rescue drill
 * now and then, lowering, detach; clients of different masses and statures), holding the enable while
 * anything moves and sending a heartbeat every second, as a trainer's tablet does. The client's body goes
 * into and out of the straps on the virtual rig through {@code rig sim --steps-from-stdin}.
 *
 * <p>It follows the v3 command model: an enable never resumes anything (a paused program needs
 * {@code program-resume}), a client is attached only while the legs are down on the mat, a panel says
 * {@code hello} when it connects. A step that does not go as a trainer expects is a script problem: it is
 * reported, the rig is brought back to rest the way a trainer would (stop, reset, lower, detach) and the next
 * session starts.
 */
final class SoakTrainer implements AutoCloseable {
    static final String TRAINER = "trainer-tablet";
    static final String TECHNICIAN = "tech-laptop";
    /** The legs' position at rest, the client on the mat (the virtual rig's start), strap height mm. */
    static final double REST_HEIGHT_MM = 300;
    /** Enable refresh while held, ms (docs/mqtt.md: every 100 ms; the rig drops one older than 250 ms). */
    static final long ENABLE_MS = 100;
    /** Heartbeat of the panel in command, ms (SR-24: it lapses after 3 s of silence). */
    static final long HEARTBEAT_MS = 1_000;
    /** A reply later than this is a script problem (a busy shared machine has taken over 5 s), ms. */
    private static final long REPLY_TIMEOUT_MS = 15_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SEGMENTS = {"L4-L5", "L3", "T12-L1", "L5-S1", "T8"};

    /** A client of the soak: a profile id, a body for the virtual rig. */
    record Client(String id, double massKg, double statureMm) {
        /** SR-20's ceiling for the profile: a strap height that keeps head and shoulders on the mat. */
        double ceilingMm() {
            return Math.round(statureMm * 0.8);
        }
    }

    /** The soak's clients: light to heavy, short to tall. */
    static final Client[] CLIENTS = {
        new Client("soak-client-a", 48, 1580), new Client("soak-client-b", 70, 1750),
        new Client("soak-client-c", 95, 1820), new Client("soak-client-d", 62, 1660),
        new Client("soak-client-e", 118, 1930), new Client("soak-client-f", 83, 1710),
    };

    /** A step of the script refused or timed out: the session ends and the rig is brought to rest. */
    static final class ScriptFailed extends Exception {
        /** The rig's reason for a refusal ({@code NOT_REFERENCED}), or "" for a time-out. */
        final String reason;

        ScriptFailed(String message) {
            this(message, "");
        }

        ScriptFailed(String message, String reason) {
            super(message);
            this.reason = reason == null ? "" : reason;
        }
    }

    private record Reply(boolean accepted, String reason, String detail) {
    }

    private final String root;
    private final BrokerClient client;
    private final SoakLedger ledger;
    private final Consumer<String> simStep;
    private final Map<String, Long> counters = new ConcurrentHashMap<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private volatile long session = -1;
    private volatile JsonNode state;
    private volatile JsonNode telemetry;
    private volatile long newestClockMs = -1;
    private volatile boolean holding;
    private volatile boolean running = true;
    private volatile String inCommand;
    private long staleEnables;
    private volatile long resumes;
    private final Thread beat;
    private final int realtimePriority;

    /**
     * @param brokerUri the service's broker
     * @param simStep sends one step to the virtual rig ({@code client 70 1750 inverted})
     * @param realtimePriority SCHED_FIFO priority of the enable and heartbeat thread, 0 for normal scheduling
     */
    SoakTrainer(String brokerUri, String root, SoakLedger ledger, Consumer<String> simStep, int realtimePriority)
            throws BrokerException {
        this.root = root;
        this.realtimePriority = realtimePriority;
        this.ledger = ledger;
        this.simStep = simStep;
        this.client = BrokerClient.connect(new BrokerOptions(brokerUri, null, null, null), "rig-soak");
        client.onMessage(m -> onMessage(m.topic(), m.payload()));
        client.subscribe(root + "/status", 1);
        client.subscribe(root + "/state", 1);
        client.subscribe(root + "/telemetry", 0);
        client.subscribe(root + "/events", 1);
        client.subscribe(root + "/reply/+", 1);
        long first = System.currentTimeMillis(); // counters rise across soak restarts within a rig session
        counters.put(TRAINER, first);
        counters.put(TECHNICIAN, first);
        this.beat = new Thread(this::beat, "soak-enable-heartbeat");
        beat.setDaemon(true);
        beat.start();
    }

    // ------------------------------------------------------------------ what the rig says

    private void onMessage(String topic, byte[] payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            ledger.scriptProblem("unreadable payload on " + topic + ": " + e.getMessage());
            return;
        }
        if (topic.endsWith("/status")) {
            if (json.path("status").asText().equals("online")) {
                session = json.path("session").asLong();
            }
        } else if (topic.endsWith("/state")) {
            state = json;
            session = json.path("session").asLong(session);
            newestClockMs = Math.max(newestClockMs, json.path("clockMs").asLong(-1));
        } else if (topic.endsWith("/telemetry")) {
            telemetry = json;
            newestClockMs = Math.max(newestClockMs, json.path("clockMs").asLong(-1));
        } else if (topic.endsWith("/events")) {
            ledger.onEvent(json);
        } else if (topic.contains("/reply/")) {
            String panel = topic.substring(topic.lastIndexOf('/') + 1);
            Reply r = new Reply(json.path("accepted").asBoolean(), json.path("reason").asText(null),
                    json.path("detail").asText(""));
            if (json.path("command").asText().equals("enable") && !r.accepted()) {
                synchronized (this) {
                    staleEnables++;
                }
            }
            replies.put(panel + "#" + json.path("counter").asLong(), r);
        }
    }

    String mode() {
        JsonNode s = state;
        return s == null ? "" : s.path("mode").asText();
    }

    /** A winch's measured position from telemetry, mm; NaN before any. */
    double positionMm(String winchId) {
        JsonNode t = telemetry;
        if (t != null) {
            for (JsonNode w : t.path("winches")) {
                if (w.path("id").asText().equals(winchId)) {
                    return w.path("positionMm").asDouble(Double.NaN);
                }
            }
        }
        return Double.NaN;
    }

    synchronized long staleEnables() {
        return staleEnables;
    }

    // ------------------------------------------------------------------ what a panel sends

    /** Publishes one command of {@code panel} with the rig's session and the panel's next counter. */
    private long send(String panel, String command, String fields) {
        synchronized (sendLock) {
            long counter = counters.merge(panel, 1L, Long::sum);
            String payload = "{\"session\":" + Math.max(session, 0) + ",\"counter\":" + counter + ",\"command\":\""
                    + command + "\"" + (fields == null || fields.isEmpty() ? "" : "," + fields) + "}";
            client.publish(root + "/cmd/" + panel, payload.getBytes(StandardCharsets.UTF_8), 0, false);
            return counter;
        }
    }

    private Reply ask(String panel, String command, String fields) throws ScriptFailed, InterruptedException {
        long counter = send(panel, command, fields);
        String key = panel + "#" + counter;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_TIMEOUT_MS);
        Reply r;
        while ((r = replies.remove(key)) == null) {
            if (System.nanoTime() - deadline > 0) {
                throw new ScriptFailed(panel + " " + command + " got no reply within " + REPLY_TIMEOUT_MS + " ms");
            }
            Thread.sleep(5);
        }
        return r;
    }

    private void must(String panel, String command, String fields) throws ScriptFailed, InterruptedException {
        Reply r = ask(panel, command, fields);
        if (!r.accepted()) {
            throw new ScriptFailed(panel + " " + command + (fields == null ? "" : " " + fields) + " refused: "
                    + r.reason() + " (" + r.detail() + ") in " + mode(), r.reason());
        }
    }

    /**
     * The enable refresh while held, and the heartbeat of the panel in command. The thread stands for a trainer's
     * tablet, another device: with {@code realtimePriority} it runs SCHED_FIFO so that the machine the soak shares
     * with the service does not make the tablet late (an enable that lapses because the soak's own thread was
     * starved would be the script's fault, not the rig's).
     */
    private void beat() {
        if (realtimePriority > 0) {
            com.lianarig.controller.loop.RealtimeScheduling.makeCurrentThreadFifo(realtimePriority);
        }
        long nextHeartbeat = 0;
        while (running) {
            long now = System.nanoTime();
            String panel = inCommand;
            if (holding && panel != null && newestClockMs >= 0) {
                send(panel, "enable", "\"held\":true,\"clockMs\":" + newestClockMs);
            }
            if (panel != null && now - nextHeartbeat >= 0) {
                send(panel, "heartbeat", null);
                nextHeartbeat = now + TimeUnit.MILLISECONDS.toNanos(HEARTBEAT_MS);
            }
            try {
                Thread.sleep(ENABLE_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void hold(boolean held) {
        holding = held;
        if (!held && inCommand != null) {
            send(inCommand, "enable", "\"held\":false");
        }
    }

    private void await(String what, BooleanSupplier condition, long timeoutMs) throws ScriptFailed, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ScriptFailed("timed out after " + timeoutMs / 1000 + " s waiting for " + what + " (mode "
                        + mode() + ", state " + state + ")");
            }
            Thread.sleep(20);
        }
    }

    private void takeControl(String panel) throws ScriptFailed, InterruptedException {
        must(panel, "take-control", null);
        inCommand = panel;
    }

    private void releaseControl(String panel) throws ScriptFailed, InterruptedException {
        hold(false);
        must(panel, "release-control", null);
        inCommand = null;
    }

    // ------------------------------------------------------------------ the script

    /** Waits for the service's first state, then the technician's preparation of the day. */
    void prepare() throws ScriptFailed, InterruptedException {
        await("the service's first state", () -> state != null && !mode().equals("STARTING") && telemetry != null
                && session > 0, 60_000);
        send(TECHNICIAN, "hello", null); // a panel's greeting on connect: nothing waits for its answer
        send(TRAINER, "hello", null);
        if (mode().equals("FAULT")) {
            ledger.scriptProblem("the service came up in FAULT: " + state.path("faults"));
        }
        for (int attempt = 1;; attempt++) {
            try {
                technicianResetAndReference();
                takeControl(TRAINER);
                return;
            } catch (ScriptFailed e) {
                if (attempt == 3) {
                    throw e;
                }
                ledger.scriptProblem("preparing (attempt " + attempt + " of 3): " + e.getMessage());
                inCommand = null;
            }
        }
    }

    /** The technician: take control, reset what is latched, reference both groups where they stand, waive the check. */
    private void technicianResetAndReference() throws ScriptFailed, InterruptedException {
        takeControl(TECHNICIAN);
        try {
            if (mode().equals("FAULT") || mode().equals("ESTOP")) {
                ask(TECHNICIAN, "reset", null);
                await("the technician's reset", () -> !mode().equals("FAULT") && !mode().equals("ESTOP"), 10_000);
            }
            must(TECHNICIAN, "reference", String.format(Locale.ROOT, "\"group\":\"legs\",\"positionMm\":%.1f",
                    positionMm("left-leg-winch")));
            must(TECHNICIAN, "reference", String.format(Locale.ROOT,
                    "\"group\":\"left-loop-winch\",\"positionMm\":%.1f", positionMm("left-loop-winch")));
            Reply waive = ask(TECHNICIAN, "pre-use-check-waive", "\"reason\":\"soak on the virtual rig\"");
            if (!waive.accepted() && !waive.detail().contains("already")) {
                throw new ScriptFailed("pre-use-check-waive refused: " + waive.reason() + " (" + waive.detail() + ")");
            }
        } finally { // whatever went wrong, the technician hands command back (a trainer cannot take it from him)
            try {
                releaseControl(TECHNICIAN);
            } catch (ScriptFailed e) {
                ledger.scriptProblem("the technician's release: " + e.getMessage());
                inCommand = null;
            }
        }
    }

    /** One whole session with client {@code c}; {@code n} varies what it does. */
    void session(int n, Client c, SplittableRandom random) throws ScriptFailed, InterruptedException {
        String segment = SEGMENTS[random.nextInt(SEGMENTS.length)];
        if (ledger.takeReferencesLost()) { // a link lost since the last session: the technician references first
            releaseControl(TRAINER);
            technicianResetAndReference();
            takeControl(TRAINER);
        }
        must(TRAINER, "attach", "\"clientId\":\"" + c.id() + "\"");
        simStep.accept(String.format(Locale.ROOT, "client %.0f %.0f inverted", c.massKg(), c.statureMm()));
        Thread.sleep(1_000); // strapping in
        must(TRAINER, "client-ready", null);
        await("READY", () -> mode().equals("READY"), 10_000);
        hold(true);
        await("the enable live", () -> state != null && state.path("enableLive").asBoolean(), 5_000);

        long stopsBefore = ledger.unexpectedStops();
        must(TRAINER, "aim", "\"segment\":\"" + segment + "\"");
        awaitAtRest("the aimed height", 90_000);
        if (n % 2 == 0 && ledger.unexpectedStops() == stopsBefore) { // (an aim cut short is no place to save a nudge) // a nudge: a little higher, saved as the client's offset
            must(TRAINER, "jog", "\"group\":\"legs\",\"direction\":\"up\"");
            Thread.sleep(400 + random.nextInt(600));
            must(TRAINER, "jog", "\"group\":\"legs\",\"direction\":\"none\"");
            awaitAtRest("the end of the nudge", 20_000);
            must(TRAINER, "save-offset", null);
        }
        lowerToRest();

        must(TRAINER, "program-start", "\"segment\":\"" + segment + "\",\"presetId\":\"\"");
        await("PROGRAM", () -> mode().equals("PROGRAM"), 5_000);
        if (n % 3 == 1) { // a pause and a resume: the enable never resumes anything by itself
            Thread.sleep(3_000 + random.nextInt(4_000));
            ledger.expectStop();
            must(TRAINER, "program-pause", null);
            Thread.sleep(1_500);
            must(TRAINER, "program-resume", null);
        }
        awaitProgramEnd(240_000);
        awaitAtRest("READY after the program", 30_000);

        if (n % 4 == 3) {
            rescueDrill(segment);
        }
        lowerToRest();
        hold(false);
        must(TRAINER, "detach", null);
        simStep.accept(String.format(Locale.ROOT, "client %.0f %.0f none", c.massKg(), c.statureMm()));
        Thread.sleep(500); // strapping out
        must(TRAINER, "detach", null);
        await("HOLDING", () -> mode().equals("HOLDING"), 10_000);
        if (n % 5 == 4) { // the tablet hands over and takes command again
            releaseControl(TRAINER);
            Thread.sleep(500);
            takeControl(TRAINER);
        }
        ledger.sessionDone();
    }

    /**
     * The drill a trainer practises for a client who must come down now: STOP during a rise, then the client
     * lowered by hand (jog down) to the mat. {@code rescue} is for FAULT and after a node reset: asked here it is
     * refused, and nothing moves.
     */
    private void rescueDrill(String segment) throws ScriptFailed, InterruptedException {
        must(TRAINER, "aim", "\"segment\":\"" + segment + "\"");
        Thread.sleep(1_500);
        ledger.expectStop();
        must(TRAINER, "stop", null);
        awaitAtRest("rest after the STOP", 10_000);
        Reply rescue = ask(TRAINER, "rescue", "\"held\":true");
        if (rescue.accepted()) {
            ledger.scriptProblem("rescue was accepted in " + mode() + " (expected a refusal outside FAULT)");
            send(TRAINER, "rescue", "\"held\":false");
        }
        if (positionMm("left-leg-winch") > REST_HEIGHT_MM - 200 + 5) {
            must(TRAINER, "jog", "\"group\":\"legs\",\"direction\":\"down\"");
            await("the legs down by jogging", () -> positionMm("left-leg-winch") <= REST_HEIGHT_MM - 200 + 5, 120_000);
            must(TRAINER, "jog", "\"group\":\"legs\",\"direction\":\"none\"");
            awaitAtRest("rest after jogging down", 10_000);
        }
    }

    /**
     * Waits for the program's end. A program paused by the rig (a stop the trainer did not ask for: the ledger has
     * counted it) is resumed after a second, as a trainer would once the client is fine.
     */
    private void awaitProgramEnd(long timeoutMs) throws ScriptFailed, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (mode().equals("PROGRAM")) {
            if (System.nanoTime() - deadline > 0) {
                throw new ScriptFailed("timed out after " + timeoutMs / 1000 + " s waiting for the end of the program"
                        + " (state " + state + ")");
            }
            JsonNode s = state;
            if (s != null && s.path("program").path("phase").asText().equals("paused")) {
                Thread.sleep(1_000);
                Reply r = ask(TRAINER, "program-resume", null);
                if (r.accepted()) {
                    resumes++;
                } else if (!"WRONG_STATE".equals(r.reason())) { // (not paused any more: the state was a step old)
                    throw new ScriptFailed("program-resume refused: " + r.reason() + " (" + r.detail() + ") in " + mode(),
                            r.reason());
                }
                Thread.sleep(500);
            }
            Thread.sleep(20);
        }
    }

    /** Programs the trainer resumed after the rig paused them. */
    long resumes() {
        return resumes;
    }

    private void lowerToRest() throws ScriptFailed, InterruptedException {
        if (Math.abs(positionMm("left-leg-winch") - (REST_HEIGHT_MM - 200)) < 2) {
            return;
        }
        must(TRAINER, "move-to", String.format(Locale.ROOT, "\"group\":\"legs\",\"heightMm\":%.1f", REST_HEIGHT_MM));
        awaitAtRest("the legs down on the mat", 90_000);
    }

    /** Waits until nothing moves (READY again, every winch below 0.5 mm/s in telemetry). */
    private void awaitAtRest(String what, long timeoutMs) throws ScriptFailed, InterruptedException {
        Thread.sleep(200); // the motion's first state
        await(what, () -> mode().equals("READY") && still() || mode().equals("FAULT") || mode().equals("ESTOP"),
                timeoutMs);
        if (!mode().equals("READY")) {
            throw new ScriptFailed("the rig went to " + mode() + " waiting for " + what + ": " + state.path("faults"));
        }
    }

    private boolean still() {
        JsonNode t = telemetry;
        if (t == null) {
            return false;
        }
        for (JsonNode w : t.path("winches")) {
            if (Math.abs(w.path("speedMmPerS").asDouble()) > 0.5) {
                return false;
            }
        }
        return true;
    }

    /**
     * After a session went wrong: what a trainer does to bring the rig to rest (STOP, reset, lower the client,
     * strap out), and the technician when a trainer cannot (a technician's reset, references after a node restart).
     */
    void recover(Client c) throws InterruptedException {
        try {
            hold(false);
            if (inCommand == null) {
                takeControl(TRAINER);
            }
            ledger.expectStop();
            send(inCommand, "stop", null);
            Thread.sleep(1_000);
            if (mode().equals("FAULT") || mode().equals("ESTOP")) {
                ask(inCommand, "reset", null);
                Thread.sleep(1_000);
            }
            if (mode().equals("FAULT") || mode().equals("ESTOP") || ledger.takeReferencesLost()) {
                String trainer = inCommand;
                releaseControl(trainer);
                technicianResetAndReference();
                takeControl(TRAINER);
            }
            if (mode().equals("READY")) {
                hold(true);
                await("the enable live", () -> state != null && state.path("enableLive").asBoolean(), 5_000);
                try {
                    lowerToRest();
                } catch (ScriptFailed e) {
                    if (!e.reason.equals("NOT_REFERENCED")) {
                        throw e;
                    }
                    // SR-23: the link was lost, the positions are void: the technician references them
                    hold(false);
                    releaseControl(inCommand);
                    technicianResetAndReference();
                    takeControl(TRAINER);
                    hold(true);
                    await("the enable live", () -> state != null && state.path("enableLive").asBoolean(), 5_000);
                    lowerToRest();
                }
                hold(false);
                must(TRAINER, "detach", null);
            }
            simStep.accept(String.format(Locale.ROOT, "client %.0f %.0f none", c.massKg(), c.statureMm()));
            Thread.sleep(500);
            if (mode().equals("ATTACHING")) {
                must(TRAINER, "detach", null);
            }
            await("HOLDING after recovering", () -> mode().equals("HOLDING"), 20_000);
        } catch (ScriptFailed e) {
            ledger.scriptProblem("recovering: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        beat.interrupt();
        client.close();
    }
}
