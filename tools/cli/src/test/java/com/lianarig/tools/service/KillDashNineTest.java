package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.sim.transport.PtyPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.DisconnectedBufferOptions;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-5 (SPEC section 9) across real processes: {@code rig sim} (the virtual node behind a socat pty,
 * reporting its brakes on the monotonic clock), {@code rig run --gpio mock} (the hardware service:
 * jSerialComm on the pty, its embedded broker on a free 127.0.0.1 port) and this test as two MQTT
 * panels. The legs jog up under a trainer's hold-to-run enable; the service is killed with SIGKILL;
 * the node must brake within 200 ms by itself; a command sent while the service is dead must never
 * be acted on; the restarted service must come up HOLDING with the positions read and not move (SR-15).
 *
 * <p>The kill falls at the jog's full speed (20 mm/s), where the node's own stop (50 ms set-point
 * gap, then its ramp) is slowest and the heartbeat watchdog (200 ms after the last heartbeat) drops
 * the brakes first. Latency: from {@code System.nanoTime()} just before the SIGKILL (test JVM) to the
 * rig time of the sim step that showed it (sim JVM; both CLOCK_MONOTONIC on Linux), for the later of
 * the two leg winches: "dropped" (both brake coils off: the node's reaction, SPEC R-5's 200 ms) and
 * "holding" (the virtual brakes' 30 ms engage time later: 230 ms, as in {@code Sr15RestartTest}).
 * The sim's figure is an upper bound (its rig steps every ~1 ms and is watched every 1 ms), so the
 * only allowance is {@link #MEASUREMENT_ALLOWANCE_MS}.
 *
 * <p>Load: this machine's 2 shared cores starve the three JVMs now and then. SR-8 runs at the rig's own
 * limits (SPEC v3: a sample late because the host was late stops a motion without a latch); a silent
 * link (SR-9) still latches, and start-up latches are reset by the panel in command. An attempt whose jog or restart such
 * a latch spoiled, or whose brakes came late (a starved sim steps late, and reports late), is
 * retried: at most 3 attempts in all, each one printed; the last must be in time.
 */
class KillDashNineTest {
    static final String ROOT = DemoMqttTest.ROOT;
    static final ObjectMapper JSON = new ObjectMapper();
    static final long DEADLINE_MS = 200;
    /** The sim's rig step (~1 ms) plus its brake watch period (1 ms), rounded up. */
    static final long MEASUREMENT_ALLOWANCE_MS = 5;
    /** The virtual brakes hold this long after the node drops them (WinchParams), ms. */
    static final long BRAKE_ENGAGE_MS = 30;
    static final Pattern BRAKES = Pattern.compile("brakes-(applied|engaged|released) winch=(\\d+) monoNanos=(-?\\d+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the processes' output to read
    Path dir;

    @Test
    void killDashNineMidMotionTheNodeBrakesAndTheRestartedServiceHolds() throws Exception {
        Assumptions.assumeTrue(PtyPort.socatAvailable(), "socat is needed for the virtual node's pty");
        Assumptions.assumeFalse(Files.exists(Path.of("/dev/gpiochip0")), "rig run --gpio mock is refused on a machine with GPIO");
        List<String> attempts = new ArrayList<>();
        Latency latency = null;
        for (int attempt = 1; attempt <= 3 && (latency == null || !latency.inTime()); attempt++) {
            try {
                latency = new Scenario(Files.createDirectory(dir.resolve("attempt-" + attempt))).run();
                attempts.add(latency.toString());
                System.out.printf(Locale.ROOT, "R-5 attempt %d: kill -9 -> %s (deadlines %d ms to drop the brakes, + %d ms"
                        + " until they hold; %d ms measurement allowance)%n", attempt, latency, DEADLINE_MS,
                        BRAKE_ENGAGE_MS, MEASUREMENT_ALLOWANCE_MS);
            } catch (Unfair e) {
                attempts.add("unfair: " + e.getMessage());
                System.out.printf(Locale.ROOT, "R-5 attempt %d not fair on this machine, retried: %s%n", attempt,
                        e.getMessage());
            }
        }
        assertNotNull(latency, "no fair attempt in 3: " + attempts);
        assertTrue(latency.inTime(), "R-5: the node braked too late after kill -9: " + attempts);
    }

    /** Kill -9 to the later of the two leg winches: both brakes dropped (coils off), and both holding, ms. */
    record Latency(double speedAtKillMmPerS, long appliedMs, long engagedMs) {
        boolean inTime() {
            return appliedMs <= DEADLINE_MS + MEASUREMENT_ALLOWANCE_MS
                    && engagedMs <= DEADLINE_MS + BRAKE_ENGAGE_MS + MEASUREMENT_ALLOWANCE_MS;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "at %.1f mm/s: brakes dropped after %d ms, holding after %d ms",
                    speedAtKillMmPerS, appliedMs, engagedMs);
        }
    }

    /**
     * The machine starved the processes before the kill (a host-side SR-8 or SR-9 latch stopped the
     * motion): not a fair R-5 attempt, retried.
     */
    static final class Unfair extends RuntimeException {
        Unfair(String message) {
            super(message);
        }
    }

    /** One whole run: three processes, fresh data. */
    private static final class Scenario {
        private final Path dir;
        private final List<String> simLines = new CopyOnWriteArrayList<>();
        private final LinkedBlockingQueue<String[]> replies = new LinkedBlockingQueue<>();
        private volatile JsonNode state;
        private volatile JsonNode telemetry;
        private final List<JsonNode> telemetryLog = new CopyOnWriteArrayList<>();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private volatile long newestClockMs = -1;
        private volatile long session = -1;
        private long counter;
        private MqttAsyncClient panel;

        Scenario(Path dir) {
            this.dir = dir;
        }

        Latency run() throws Exception {
            Path link = dir.resolve("node");
            Process sim = javaProcess("sim.txt", "sim", "--link", link.toString(), "--report-brakes",
                    "--status-interval", "1000", "--until-eof");
            // its stdin stays open: the sim runs until it ends (this JVM closes it, or exits)
            Process service = null;
            try {
                readSim(sim);
                await(() -> simLines.stream().anyMatch(l -> l.startsWith("connect the host to")), 30_000, () ->
                        "the sim did not come up: " + simLines);
                int port = com.lianarig.tools.mqtt.TestBroker.freePort();
                Path rigFile = dir.resolve("rig.yaml");
                try (var in = KillDashNineTest.class.getResourceAsStream("/demo/rig.yaml")) {
                    String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertTrue(text.contains("path: /dev/ttyACM0") && text.contains("port: 1883"), "the example rig file changed");
                    // SR-8 at the rig's own limits (issue 15): a sample late because the host was late stops a
                    // motion without a latch, and only the node's own clock can latch one
                    Files.writeString(rigFile, text.replace("path: /dev/ttyACM0", "path: " + link)
                            .replace("port: 1883", "port: " + port));
                }
                service = startService(rigFile, "service-1.txt");
                connectPanel(port);

                // 1. the first service comes up holding; a technician references both groups
                // (a start-up latch of the loaded machine, SR-8/SR-9, is reset below: the first start is not R-5's subject)
                await(() -> mode("HOLDING") || mode("FAULT"), 30_000, () -> "the first service does not start: " + state
                        + output("service-1.txt"));
                long firstSession = session;
                mustAccept("tech-laptop", "\"command\":\"take-control\"");
                settle("tech-laptop");
                await(() -> telemetry != null, 5_000, () -> "no telemetry");
                mustAccept("tech-laptop", "\"command\":\"reference\",\"group\":\"legs\",\"positionMm\":"
                        + positionMm("left-leg-winch"));
                mustAccept("tech-laptop", "\"command\":\"reference\",\"group\":\"left-loop-winch\",\"positionMm\":"
                        + positionMm("left-loop-winch"));
                mustAccept("tech-laptop", "\"command\":\"release-control\"");

                // 2. the trainer jogs the legs up under a live hold-to-run enable
                mustAccept("trainer-tablet", "\"command\":\"take-control\"");
                Thread enabler = new Thread(this::holdEnable, "enable-refresh");
                enabler.setDaemon(true);
                enabler.start();
                await(() -> state != null && state.path("enableLive").asBoolean(), 5_000, () ->
                        "the enable is not live: " + state);
                jogUntilMoving();
                // at the jog's full speed: the node's longest stop (SR-9: 50 ms set-point gap, then its ramp)
                double speedAtKillMmPerS = awaitCruise();

                // 3. kill -9 mid-motion
                long killNanos = System.nanoTime();
                service.destroyForcibly(); // SIGKILL on Linux
                enabler.interrupt();
                assertTrue(service.waitFor(10, TimeUnit.SECONDS), "the service survived SIGKILL");
                long positionBeforeKillMm = Math.round(positionMm("left-leg-winch"));
                await(() -> braked(0, killNanos, "engaged") != null && braked(1, killNanos, "engaged") != null
                        || "engaged".equals(brakesBefore(0, killNanos)) || "engaged".equals(brakesBefore(1, killNanos)),
                        5_000, () -> "the node did not brake after kill -9: " + simLines);
                for (int w = 0; w <= 1; w++) {
                    if (!"released".equals(brakesBefore(w, killNanos))) {
                        // a host-side latch (SR-8/SR-9 of the loaded machine) braked the legs just before the kill
                        throw new Unfair("winch " + w + "'s brakes were " + brakesBefore(w, killNanos) + " at the kill");
                    }
                }
                Latency latency = new Latency(speedAtKillMmPerS,
                        TimeUnit.NANOSECONDS.toMillis(Math.max(braked(0, killNanos, "applied"), braked(1, killNanos, "applied"))
                                - killNanos),
                        TimeUnit.NANOSECONDS.toMillis(Math.max(braked(0, killNanos, "engaged"), braked(1, killNanos, "engaged"))
                                - killNanos));

                // 4. while the service is dead the trainer's panel still asks for motion (buffered offline)
                await(() -> !panel.isConnected(), 5_000, () -> "the panel did not see its broker die");
                long staleJogCounter = send("trainer-tablet", "\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"up\"");
                long staleEnableCounter = send("trainer-tablet", "\"command\":\"enable\",\"held\":true,\"clockMs\":"
                        + newestClockMs);

                // 5. the restart (same config, same data): HOLDING with the positions read, and no motion
                Thread.sleep(300); // the node is in SHUTDOWN by now (heartbeat watchdog): the restart must clear it
                int simLinesAtRestart = simLines.size();
                state = null;
                telemetry = null;
                service = startService(rigFile, "service-2.txt");
                await(() -> session > firstSession && state != null && !mode("STARTING"), 30_000, () ->
                        "the restarted service does not start: " + state + output("service-2.txt"));
                await(() -> telemetry != null && telemetry.path("session").asLong() == session, 5_000, () -> "no telemetry");
                telemetryLog.clear();
                double leftMm = positionMm("left-leg-winch");
                double rightMm = positionMm("right-leg-winch");
                assertEquals(positionBeforeKillMm, leftMm, 20, "the restarted service read the left leg's position");
                long watchEnd = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < watchEnd) {
                    JsonNode s = state;
                    if (!mode("HOLDING")) {
                        // never moving; a latch of the loaded machine (SR-8/SR-9) is a FAULT that holds too
                        assertTrue(mode("FAULT"), "SR-15: left HOLDING after the restart: " + s);
                        for (JsonNode f : s.get("faults")) {
                            assertTrue(f.get("rule").asText().matches("SR-[89]"), "an unexpected fault after the restart: " + s);
                        }
                    }
                    Thread.sleep(50);
                }
                assertTrue(telemetryLog.size() >= 20, "telemetry flows: " + telemetryLog.size());
                for (JsonNode t : telemetryLog) {
                    for (JsonNode w : t.get("winches")) {
                        assertTrue(Math.abs(w.get("speedMmPerS").asDouble()) < 1, "moved after the restart: " + t);
                    }
                }
                assertEquals(leftMm, positionMm("left-leg-winch"), 1, "the left leg moved after the restart");
                assertEquals(rightMm, positionMm("right-leg-winch"), 1, "the right leg moved after the restart");
                List<String> after = simLines.subList(simLinesAtRestart, simLines.size());
                assertTrue(after.stream().noneMatch(l -> l.startsWith("brakes-released")),
                        "a brake was released after the restart: " + after);
                // the commands sent while it was dead: dropped by the broker, or refused as stale (never acted on)
                for (String[] r : replies) {
                    JsonNode reply = JSON.readTree(r[1]);
                    long c = reply.path("counter").asLong(-1);
                    if (c == staleJogCounter || c == staleEnableCounter) {
                        System.out.println("R-5: the command sent while the service was dead reached the new one: " + reply);
                        assertFalse(reply.get("accepted").asBoolean(), reply.toString());
                    }
                }
                assertTrue(output("service-1.txt").contains("SAFETY CHAIN IS SIMULATED"), "the loud warning");
                // the journal of the restart (read once the service has stopped): it came up holding, nothing moved
                long secondSession = session;
                service.destroy(); // SIGTERM
                assertTrue(service.waitFor(30, TimeUnit.SECONDS), "no exit after SIGTERM");
                RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.resolve("data").toString())).load(rigFile);
                List<JournalRecord> restart;
                try (Journal j = Journal.open(rig.journal(), System::currentTimeMillis, System::nanoTime)) {
                    restart = j.read(1, Long.MAX_VALUE).stream().filter(r -> r.session() == secondSession).toList();
                }
                List<String> states = restart.stream().filter(r -> r.kind().equals("state")).map(JournalRecord::body).toList();
                assertFalse(states.isEmpty(), "no state records after the restart: " + restart);
                if (states.get(0).startsWith("{\"from\":\"STARTING\",\"to\":\"FAULT\"")) {
                    List<String> faults = restart.stream().filter(r -> r.kind().equals("fault")).map(JournalRecord::body).toList();
                    if (!faults.isEmpty() && faults.stream().allMatch(f -> f.startsWith("{\"rule\":\"SR-8\"")
                            || f.contains("NODE_SILENT") || f.contains("the node went silent"))) {
                        // still holding (a FAULT never moves), but a latch of the loaded machine hid the come-up
                        throw new Unfair("the restart latched a late sample or a silent link while starting: " + faults);
                    }
                }
                assertTrue(states.get(0).startsWith("{\"from\":\"STARTING\",\"to\":\"HOLDING\""),
                        "SR-15: the restart comes up holding: " + states + "\n" + restart);
                System.out.println("R-5: the restart came up " + states.get(0));
                assertTrue(states.stream().noneMatch(b -> b.contains("\"to\":\"MOVING\"")), "moved after the restart: " + states);
                assertTrue(restart.stream().filter(r -> r.kind().equals("command"))
                        .noneMatch(r -> r.body().contains("\"accepted\":true") && !r.body().contains("\"panel\":\"service\"")),
                        "a command was acted on after the restart: " + restart);
                return latency;
            } finally {
                if (panel != null) {
                    try {
                        panel.disconnectForcibly(500, 500);
                    } catch (MqttException e) {
                        // closing anyway
                    }
                    panel.close(true);
                }
                if (service != null) {
                    service.destroy(); // SIGTERM: the controlled stop
                    if (!service.waitFor(15, TimeUnit.SECONDS)) {
                        service.destroyForcibly();
                    }
                }
                sim.getOutputStream().close(); // --until-eof: the sim stops and removes its pty
                if (!sim.waitFor(10, TimeUnit.SECONDS)) {
                    sim.destroy(); // SIGTERM: its shutdown hook stops socat
                    if (!sim.waitFor(5, TimeUnit.SECONDS)) {
                        sim.destroyForcibly();
                    }
                }
            }
        }

        private Process javaProcess(String outputFile, String... args) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // the ./rig launcher's service JVM options (a small fixed heap, the serial collector, no periodic safepoint)
            List<String> command = new ArrayList<>(BenchMqttCommand.SERVICE_JVM_FLAGS);
            command.add(0, java);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.lianarig.tools.RigCommand"));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("RIG_DATA_DIR", dir.resolve("data").toString());
            pb.environment().put("RIG_LOG_FILE", dir.resolve("log").resolve(outputFile + ".log").toString());
            pb.environment().put("RIG_LOG_LEVEL", "WARN");
            pb.redirectErrorStream(true);
            if (!outputFile.equals("sim.txt")) {
                pb.redirectOutput(dir.resolve(outputFile).toFile());
            }
            return pb.start();
        }

        private Process startService(Path rigFile, String outputFile) throws IOException {
            return javaProcess(outputFile, "run", "--config", rigFile.toString(), "--gpio", "mock");
        }

        private void readSim(Process sim) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        simLines.add(line);
                    }
                } catch (IOException e) {
                    simLines.add("(sim output ended: " + e + ")");
                }
            }, "sim-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** "engaged" or "released": winch {@code w}'s brakes as last reported before {@code nanos}, or null. */
        private String brakesBefore(int w, long nanos) {
            String last = null;
            for (String line : simLines) {
                Matcher m = BRAKES.matcher(line);
                if (m.matches() && Integer.parseInt(m.group(2)) == w && Long.parseLong(m.group(3)) - nanos < 0) {
                    last = m.group(1);
                }
            }
            return last;
        }

        /**
         * The rig time at which winch {@code w}'s brakes were first seen {@code applied} (dropped, or
         * already holding) or {@code engaged} (holding) at or after {@code sinceNanos}, or null.
         */
        private Long braked(int w, long sinceNanos, String how) {
            for (String line : simLines) {
                Matcher m = BRAKES.matcher(line);
                if (m.matches() && (m.group(1).equals(how) || how.equals("applied") && m.group(1).equals("engaged"))
                        && Integer.parseInt(m.group(2)) == w && Long.parseLong(m.group(3)) - sinceNanos >= 0) {
                    return Long.parseLong(m.group(3));
                }
            }
            return null;
        }

        private void connectPanel(int port) throws Exception {
            panel = new MqttAsyncClient("tcp://127.0.0.1:" + port, "r5-test-panels", new MemoryPersistence());
            DisconnectedBufferOptions buffer = new DisconnectedBufferOptions();
            buffer.setBufferEnabled(true); // a panel that queues what it sends while the rig is away
            buffer.setBufferSize(100);
            panel.setBufferOpts(buffer);
            panel.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectComplete(boolean reconnect, String serverUri) {
                    try {
                        panel.subscribe(ROOT + "/#", 1);
                    } catch (MqttException e) {
                        simLines.add("(panel subscribe failed: " + e + ")");
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) throws Exception {
                    onMessage(topic, new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(true);
            options.setMaxReconnectDelay(500);
            options.setConnectionTimeout(2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!panel.isConnected()) {
                try {
                    panel.connect(options).waitForCompletion(3_000);
                } catch (MqttException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the service's broker did not come up on port " + port, e);
                    }
                    Thread.sleep(200);
                }
            }
        }

        private void onMessage(String topic, String payload) throws IOException {
            if (topic.equals(ROOT + "/state")) {
                JsonNode s = JSON.readTree(payload);
                session = Math.max(session, s.get("session").asLong());
                newestClockMs = s.get("clockMs").asLong();
                state = s;
            } else if (topic.equals(ROOT + "/telemetry")) {
                JsonNode t = JSON.readTree(payload);
                newestClockMs = t.get("clockMs").asLong();
                telemetry = t;
                telemetryLog.add(t);
            } else if (topic.equals(ROOT + "/events")) {
                events.add(JSON.readTree(payload));
            } else if (topic.startsWith(ROOT + "/reply/")) {
                replies.add(new String[] {topic, payload});
            }
        }

        /** Publishes one command; counters go out in order (one lock around counting and publishing). */
        private synchronized long send(String panelId, String body) throws MqttException {
            long c = ++counter;
            panel.publish(ROOT + "/cmd/" + panelId, ("{\"session\":" + session + ",\"counter\":" + c + "," + body + "}")
                    .getBytes(StandardCharsets.UTF_8), 0, false);
            return c;
        }

        private void mustAccept(String panelId, String body) throws Exception {
            long c = send(panelId, body);
            JsonNode reply = awaitReply(panelId, c);
            assertTrue(reply.get("accepted").asBoolean(), panelId + " " + body + ": " + reply);
        }

        private JsonNode awaitReply(String panelId, long c) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                for (String[] r : replies) {
                    JsonNode reply = JSON.readTree(r[1]);
                    if (r[0].equals(ROOT + "/reply/" + panelId) && reply.path("counter").asLong(-1) == c) {
                        return reply;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionError("no reply to " + panelId + "'s command " + c + ": " + replies.size() + " replies");
        }

        /** The trainer's hold-to-run button, held: an enable every 100 ms with the newest clockMs, until interrupted. */
        private void holdEnable() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    send("trainer-tablet", "\"command\":\"enable\",\"held\":true,\"clockMs\":" + newestClockMs);
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (MqttException e) {
                    return; // the broker died with the service
                }
            }
        }

        /**
         * Two JVMs starting on a loaded machine can stall a link for 100 ms (SR-8, SR-9 latch): not
         * R-5's subject. The panel in command resets such start-up faults until the rig has held
         * without one for 1 s.
         */
        private void settle(String panelId) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            long holdingSince = System.nanoTime();
            while (System.nanoTime() - holdingSince < 1_000_000_000L) {
                if (System.nanoTime() > deadline) {
                    throw new Unfair("the first service does not settle: " + state);
                }
                JsonNode s = state;
                if (!mode("HOLDING") || s.path("faults").size() > 0) {
                    System.out.println("R-5: start-up fault reset: " + (s == null ? null : s.get("faults")));
                    send(panelId, "\"command\":\"reset\"");
                    Thread.sleep(300);
                    holdingSince = System.nanoTime();
                }
                Thread.sleep(50);
            }
        }

        /**
         * Jogs the legs up until both move faster than 5 mm/s. On a loaded machine a host-side latch
         * (SR-8, SR-9) can stop the jog: the trainer resets it and jogs again, a few times.
         */
        private void jogUntilMoving() throws Exception {
            for (int attempt = 1; attempt <= 5; attempt++) {
                if (!mode("HOLDING")) {
                    System.out.println("R-5: fault of the loaded machine reset before the jog: " + state.get("faults"));
                    send("trainer-tablet", "\"command\":\"reset\"");
                    await(() -> mode("HOLDING"), 2_000, () -> "no reset: " + state);
                }
                long c = send("trainer-tablet", "\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"up\"");
                JsonNode reply = awaitReply("trainer-tablet", c);
                if (reply.get("accepted").asBoolean()) {
                    await(() -> speedMmPerS("left-leg-winch") > 5 && speedMmPerS("right-leg-winch") > 5 || mode("FAULT"),
                            10_000, () -> "the legs do not move: " + telemetry + "\n" + state);
                    if (!mode("FAULT")) {
                        return;
                    }
                } else {
                    assertEquals("FAULT", reply.get("reason").asText(), "jog: " + reply);
                    Thread.sleep(100);
                }
            }
            throw new Unfair("the jog was stopped by faults 5 times: " + state);
        }

        /** Waits (at most 3 s) until the legs' speed stops rising (over 100 ms of telemetry); returns it, mm/s. */
        private double awaitCruise() throws InterruptedException {
            long deadline = System.nanoTime() + 3_000_000_000L;
            double before = -1;
            long beforeClockMs = -1;
            while (System.nanoTime() < deadline && !mode("FAULT")) {
                JsonNode t = telemetry;
                long clockMs = t.path("clockMs").asLong();
                if (clockMs - beforeClockMs >= 100) {
                    double now = speedMmPerS("left-leg-winch");
                    if (now > 5 && Math.abs(now - before) < 0.5) {
                        return now;
                    }
                    before = now;
                    beforeClockMs = clockMs;
                }
                Thread.sleep(5);
            }
            return speedMmPerS("left-leg-winch");
        }

        private boolean mode(String mode) {
            JsonNode s = state;
            return s != null && s.path("session").asLong() == session && s.path("mode").asText().equals(mode);
        }

        private JsonNode winch(String id) {
            JsonNode t = telemetry;
            assertNotNull(t, "no telemetry yet");
            for (JsonNode w : t.get("winches")) {
                if (w.get("id").asText().equals(id)) {
                    return w;
                }
            }
            throw new AssertionError("no winch " + id + " in " + t);
        }

        private double positionMm(String id) {
            JsonNode p = winch(id).get("positionMm");
            assertTrue(p != null && p.isNumber(), "no position for " + id + ": " + telemetry);
            return p.asDouble();
        }

        private double speedMmPerS(String id) {
            JsonNode t = telemetry;
            return t == null ? 0 : winch(id).path("speedMmPerS").asDouble();
        }

        private String output(String file) {
            try {
                return "\n" + Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(no output: " + e + ")";
            }
        }

        private static void await(java.util.function.BooleanSupplier condition, long timeoutMs, Supplier<String> failure)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(failure.get());
                }
                Thread.sleep(20);
            }
        }
    }
}
