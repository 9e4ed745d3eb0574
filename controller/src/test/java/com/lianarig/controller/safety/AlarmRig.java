package com.lianarig.controller.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lianarig.config.rig.BrokerMode;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.rig.LimitSpec;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.RigHarness;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.mqtt.EmbeddedBroker;
import com.lianarig.controller.mqtt.MqttInterface;
import com.lianarig.controller.mqtt.RigPort;
import com.lianarig.controller.signals.RigSignals;
import com.lianarig.hal.gpio.GpioBackend;
import com.lianarig.hal.gpio.OutputPin;
import com.lianarig.hal.gpio.Pi4jBuzzer;
import com.lianarig.hal.gpio.Pi4jStatusLight;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * SR-21's test bench: the whole controller on the virtual rig (stepped clock), its status light and buzzer
 * driven by {@link RigSignals} on Pi4J's mock platform (on the same stepped clock), and its MQTT interface
 * on the embedded broker with a studio system watching everything published. What the rig does about a
 * client inverted too long is judged where a person would notice it: the pins, and the messages.
 */
final class AlarmRig implements AutoCloseable {
    static final long MS = RigHarness.MS;
    /** The example rig file's status light and buzzer pins (BCM). */
    static final int LIGHT_PIN = 5;
    static final int BUZZER_PIN = 6;
    static final String ROOT = "liana/v1/test-studio/rig-1";
    static final List<PanelConfig> PANELS = List.of(new PanelConfig("trainer-tablet", PanelRole.TRAINER),
            new PanelConfig("tech-laptop", PanelRole.TECHNICIAN));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message the watcher received, with the QoS it was delivered at. */
    record Msg(String topic, JsonNode json, int qos) {
    }

    final RigHarness h;
    final GpioBackend gpio;
    final RigSignals signals;
    final Journal journal;
    final EmbeddedBroker broker;
    final MqttInterface mqtt;
    final MqttClient watcher;
    private final List<Msg> seen = new ArrayList<>();
    private long counter;

    AlarmRig(Path dir, long seed, int alarmS) throws Exception {
        h = RigHarness.standard(seed, dir, l -> l.with(LimitSpec.INVERTED_ALARM_S, alarmS));
        gpio = GpioBackend.open(GpioBackend.Kind.MOCK, () -> h.now);
        Pi4jStatusLight light = new Pi4jStatusLight(gpio, new OutputPin(LIGHT_PIN, true, false));
        Pi4jBuzzer buzzer = new Pi4jBuzzer(gpio, new OutputPin(BUZZER_PIN, true, false));
        signals = new RigSignals(h.controller::status, Optional.of(light), Optional.of(buzzer), () -> h.now);
        h.everyStep(x -> {
            if (x.now % (RigSignals.PERIOD_MS * MS) == 0) {
                signals.tick(); // as the rig-signals thread does, on the stepped clock
            }
        });
        journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), 1 << 20),
                System::currentTimeMillis, System::nanoTime);
        h.tee = journal::append;
        int port = freePort();
        broker = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
        mqtt = new MqttInterface(new MqttConfig(BrokerMode.EMBEDDED, "127.0.0.1", port, Optional.empty(),
                Optional.empty(), Optional.empty(), ROOT, 20, "rig-under-test"), PANELS, h.model,
                RigPort.of(h.controller), journal, journal::append, Optional.empty(), Optional.empty(), () -> h.now, h.now,
                "test");
        mqtt.start();
        watcher = watch();
        // the rig is on the bus (its birth published after it subscribed to the command topics) before any panel
        // publishes: a QoS 0 command sent before would be lost (on a warm JVM a test reached its first command first)
        await(m -> m.topic().equals(ROOT + "/status") && m.json().path("status").asText("").equals("online"), 10_000,
                "the rig's online status");
    }

    /**
     * The studio watcher, subscribed to everything under the rig's root. A client id of its own; a connection
     * the broker drops while it is being made is made again (seen once in CI: "Connection lost" during the
     * subscribe, on a loaded machine).
     */
    private MqttClient watch() throws Exception {
        for (int attempt = 1; ; attempt++) {
            MqttClient c = new MqttClient(broker.uri(), "studio-watcher-" + ProcessHandle.current().pid() + "-"
                    + System.nanoTime() % 1_000_000, new MemoryPersistence());
            try {
                MqttConnectOptions o = new MqttConnectOptions();
                o.setCleanSession(true);
                c.connect(o);
                c.subscribe(ROOT + "/#", 1, (topic, m) -> {
                    JsonNode j = JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8));
                    synchronized (seen) {
                        seen.add(new Msg(topic, j, m.getQos()));
                        seen.notifyAll();
                    }
                });
                return c;
            } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                c.close(true);
                if (attempt == 3 || e.getReasonCode() != org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_CONNECTION_LOST) {
                    throw e;
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether the pin's signal is on at the harness's time now (as the rig's lamp or buzzer would be). */
    boolean on(int pin) {
        gpio.refreshOutputs();
        return gpio.signalOn(pin);
    }

    /**
     * What the pin does over {@code millis} of stepped time, sampled every {@code everyMs}: '#' on, '.' off
     * (the harness steps meanwhile).
     */
    String wave(int pin, long millis, long everyMs) {
        StringBuilder b = new StringBuilder();
        for (long t = 0; t < millis; t += everyMs) {
            b.append(on(pin) ? '#' : '.');
            h.step(everyMs);
        }
        return b.toString();
    }

    /** The lengths of the whole runs of equal samples in a wave (the first and last runs may be cut: left out). */
    static List<Integer> innerRuns(String wave) {
        List<Integer> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= wave.length(); i++) {
            if (i == wave.length() || wave.charAt(i) != wave.charAt(start)) {
                runs.add(i - start);
                start = i;
            }
        }
        return runs.size() <= 2 ? List.of() : runs.subList(1, runs.size() - 1);
    }

    /** The first message (received so far or within {@code timeoutMs} of real time) that matches. */
    Msg await(Predicate<Msg> which, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (seen) {
            while (true) {
                for (Msg m : seen) {
                    if (which.test(m)) {
                        return m;
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    throw new AssertionError("no " + what + " within " + timeoutMs + " ms; seen " + seen.size()
                            + " messages, the last state: " + lastState());
                }
                seen.wait(left);
            }
        }
    }

    /** Every message so far that matches. */
    List<Msg> all(Predicate<Msg> which) {
        synchronized (seen) {
            return seen.stream().filter(which).toList();
        }
    }

    private String lastState() {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).topic().endsWith("/state")) {
                return seen.get(i).json().toString();
            }
        }
        return "none";
    }

    /** A state message whose alarm level is {@code level} ("none" for no alarm). */
    Msg awaitStateAlarm(String level) throws InterruptedException {
        return await(m -> m.topic().equals(ROOT + "/state") && (level.equals("none") ? m.json().path("alarm").isNull()
                : level.equals(m.json().path("alarm").path("level").asText())), 5_000, "state with alarm " + level);
    }

    /** An SR-21 event ("alarm" journal record) with this level. */
    Msg awaitAlarmEvent(String level) throws InterruptedException {
        return await(m -> m.topic().equals(ROOT + "/events") && m.json().path("kind").asText().equals("alarm")
                && m.json().path("body").path("level").asText().equals(level), 5_000, "alarm event " + level);
    }

    /** Sends a command as a panel over MQTT (QoS 0, as panels do); returns its counter. */
    long send(String panel, String body) throws Exception {
        long n = ++counter;
        String payload = "{\"session\":" + mqtt.session() + ",\"counter\":" + n + "," + body + "}";
        watcher.publish(ROOT + "/cmd/" + panel, payload.getBytes(StandardCharsets.UTF_8), 0, false);
        return n;
    }

    /** Steps the rig until the reply to the command with this counter comes (the controller decides at its next step). */
    JsonNode reply(String panel, long n) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            List<Msg> replies = all(m -> m.topic().equals(ROOT + "/reply/" + panel)
                    && m.json().path("counter").asLong() == n);
            if (!replies.isEmpty()) {
                return replies.get(0).json();
            }
            h.step(10);
            Thread.sleep(2);
        }
        throw new AssertionError("no reply to command " + n + " from " + panel);
    }

    /** Sends a command as a panel over MQTT and steps the rig until its reply comes. */
    JsonNode command(String panel, String body) throws Exception {
        return reply(panel, send(panel, body));
    }

    @Override
    public void close() throws Exception {
        signals.close();
        if (watcher.isConnected()) {
            watcher.disconnect(500);
        }
        watcher.close();
        mqtt.close();
        broker.close();
        journal.close();
        gpio.close();
        h.close();
    }
}
