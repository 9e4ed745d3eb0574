package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.rig.JournalConfig;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.controller.journal.Journal;
import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The whole controller on the virtual rig (LiveRig), its MQTT interface and a broker, with two
 * configured panels, for the hostile-bus tests: the trainer's panel holds its enable and jogs
 * the legs (the rig MOVING), another panel sends STOP and times the reply, and an attacker (a
 * {@link RawMqttClient}) does what it likes meanwhile. Three brokers: the embedded Moquette, a plain
 * Mosquitto (anonymous, no ACL: every attack reaches the rig) and the example Mosquitto
 * (config/examples/mosquitto: TLS, passwords, the ACL; the attacker holds a panel's credentials).
 *
 * <p>What the rig does is judged on its true state (the virtual rig's physics): moving, at rest on its
 * brakes after a STOP, no fault latched; and the stepping thread's lateness ({@link LiveRig#lateBatches}).
 *
 * <p>Timing on this shared 2-core machine: a bound on time (a STOP answered within 250 ms, no batch of
 * steps more than 50 ms late) can be missed because of the machine's load alone (the broker, the
 * panels and the attacker share the test's JVM). {@link #attack} runs a scenario on a fresh rig and
 * broker, and once more when its only failure was such a miss ({@link TimingMiss}): both attempts'
 * figures are printed. Every other failure (no answer at all, a STOP refused, a fault, memory read)
 * fails at once.
 */
final class RigOnTheBus implements AutoCloseable {
    /** The broker under the rig. */
    enum Broker {
        EMBEDDED, MOSQUITTO_PLAIN, MOSQUITTO_EXAMPLE
    }

    static final String TRAINER = MosquittoBroker.TRAINER_PANEL;
    static final String TECHNICIAN = MosquittoBroker.TECHNICIAN_PANEL;
    /** I-3 and R-10: a STOP from a configured panel is answered within this, ms. */
    static final long STOP_REPLY_MS = 250;

    /** A bound on time missed (see the class comment): the scenario is run once more before it fails. */
    static final class TimingMiss extends AssertionError {
        private static final long serialVersionUID = 1L;

        TimingMiss(String message) {
            super(message);
        }
    }

    /** A scenario run on a rig and its broker. */
    @FunctionalInterface
    interface Attack {
        void run(RigOnTheBus bus) throws Exception;
    }

    /** Runs {@code attack} on a fresh rig and broker; once more when it missed only a bound on time. */
    static void attack(Broker kind, Path dir, Attack attack) throws Exception {
        attack(kind, dir, 1 << 20, true, attack);
    }

    static void attack(Broker kind, Path dir, long journalMaxBytes, boolean inboundFilter, Attack attack)
            throws Exception {
        for (int attempt = 1;; attempt++) {
            try (RigOnTheBus bus = new RigOnTheBus(kind, dir.resolve("attempt-" + attempt), journalMaxBytes,
                    inboundFilter)) {
                attack.run(bus);
                return;
            } catch (TimingMiss miss) {
                if (attempt == 2) {
                    throw miss;
                }
                System.out.printf("FIGURE timing missed on %s at the first attempt (load average %.1f): %s; once "
                        + "more%n", kind, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                                .getSystemLoadAverage(), miss.getMessage());
            }
        }
    }

    final Broker kind;
    final Topics topics = new Topics(MosquittoBroker.TOPIC_ROOT);
    final LiveRig rig;
    final Journal journal;
    final MqttInterface mqtt;
    final ProbePanel trainer;
    final ProbePanel technician;
    final TestClient watcher;
    private final EmbeddedBroker embedded;
    private final MosquittoBroker mosquitto;
    private final List<Long> stopReplyNanos = Collections.synchronizedList(new ArrayList<>());
    private boolean jogUp = true;

    RigOnTheBus(Broker kind, Path dir) throws Exception {
        this(kind, dir, 1 << 20);
    }

    RigOnTheBus(Broker kind, Path dir, long journalMaxBytes) throws Exception {
        this(kind, dir, journalMaxBytes, true);
    }

    /** @param inboundFilter false: without the rig's inbound filter (to show the second layer alone) */
    RigOnTheBus(Broker kind, Path dir, long journalMaxBytes, boolean inboundFilter) throws Exception {
        this.kind = kind;
        MqttConfig config;
        if (kind == Broker.EMBEDDED) {
            int port = MqttInterfaceTest.freePort();
            embedded = EmbeddedBroker.start("127.0.0.1", port, dir.resolve("broker"));
            mosquitto = null;
            config = new MqttConfig(com.lianarig.config.rig.BrokerMode.EMBEDDED, "127.0.0.1", port, Optional.empty(),
                    Optional.empty(), Optional.empty(), MosquittoBroker.TOPIC_ROOT, 20, "rig-under-test");
        } else {
            embedded = null;
            mosquitto = (kind == Broker.MOSQUITTO_PLAIN ? MosquittoBroker.plain() : MosquittoBroker.secured()).build().start();
            config = mosquitto.mqttConfig(MosquittoBroker.RIG_USER);
        }
        rig = new LiveRig(dir.resolve("rig"));
        journal = Journal.open(new JournalConfig(dir.resolve("journal/journal.bin"), journalMaxBytes),
                System::currentTimeMillis, System::nanoTime);
        mqtt = new MqttInterface(config, MqttInterfaceTest.PANELS, rig.h.model, RigPort.of(rig.h.controller), journal,
                journal::append, mosquitto != null && mosquitto.isSecured()
                        ? Optional.of(mosquitto.password(MosquittoBroker.RIG_USER).toCharArray()) : Optional.empty(),
                mosquitto != null && mosquitto.isSecured() ? Optional.of(Tls.socketFactory(mosquitto.tlsConfig()))
                        : Optional.empty(), rig::nowNanos, rig.nowNanos(), "test", MqttInterface.MAX_INBOUND_PACKET_BYTES,
                inboundFilter);
        watcher = new TestClient(uri(), "watcher", options(MosquittoBroker.STUDIO_USER), topics.status(),
                topics.events());
        mqtt.start();
        watcher.await(m -> m.topic().equals(topics.status()) && m.json().path("status").asText().equals("online"),
                10_000, "birth");
        trainer = new ProbePanel(uri(), "trainer-device", options(TRAINER), topics, TRAINER, mqtt.session());
        technician = new ProbePanel(uri(), "technician-device", options(TECHNICIAN), topics, TECHNICIAN,
                mqtt.session());
    }

    String uri() {
        return embedded != null ? embedded.uri() : mosquitto.uri();
    }

    MqttConnectOptions options(String user) {
        if (mosquitto != null) {
            return mosquitto.connectOptions(user);
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        return o;
    }

    /** A raw attacker: anonymous on the embedded and the plain broker, {@code user}'s credentials on the example one. */
    RawMqttClient attacker(String user, String clientId) throws IOException {
        if (embedded != null) {
            return RawMqttClient.connect("127.0.0.1", embedded.port(), clientId);
        }
        return RawMqttClient.connect(mosquitto, user, clientId);
    }

    /** The example Mosquitto (TLS, passwords, ACL) or null. */
    MosquittoBroker mosquitto() {
        return mosquitto;
    }

    EmbeddedBroker embedded() {
        return embedded;
    }

    /** The trainer takes control and holds the enable (refreshed every 100 ms). */
    void trainerInCommandHoldingEnable() throws Exception {
        JsonNode take = trainer.command("\"command\":\"take-control\"");
        assertTrue(take.path("accepted").asBoolean(), take.toString());
        trainer.holdEnable();
        Thread.sleep(300);
    }

    /**
     * The trainer jogs the legs (up, then down next time, so repeated jogs stay in travel) and they move.
     * A jog paused by an enable that came late (SR-10: the rig never resumes by itself) is sent again,
     * as a trainer would press again; legs that do not move within 6 s are a {@link TimingMiss} (the
     * enables' 250 ms freshness is a bound on time).
     */
    void jogAndAwaitMotion() throws Exception {
        String dir = jogUp ? "up" : "down";
        jogUp = !jogUp;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        JsonNode jog = null;
        while (System.nanoTime() < deadline) {
            jog = trainer.command("\"command\":\"jog\",\"group\":\"legs\",\"direction\":\"" + dir + "\"");
            if (!jog.path("accepted").asBoolean()) {
                // right after a STOP the group may still be finishing its stop, or the enable lapsed; pressed
                // again as a trainer would, within the rig's 5 commands a second (beyond it a refusal may go
                // unanswered: R-10)
                Thread.sleep(250);
                continue;
            }
            long moveBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < moveBy) {
                if (Math.abs(trueSpeedMmPerS()) >= 5) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new TimingMiss(kind + ": the legs did not move within 6 s of jogging " + dir + " (last reply " + jog
                + "; " + rig.h.controller.status().modeReason() + ")");
    }

    /** The legs' true speed after the latest steps, mm/s (read without holding up the stepper). */
    double trueSpeedMmPerS() {
        return rig.legs().speedMmPerS();
    }

    /**
     * {@code from} sends STOP while the legs move; the reply's time is recorded; then the legs must be
     * at rest on their brakes within 2 s (I-3: the stopping time at jog speed + 100 ms is well inside).
     *
     * @return the reply time, ns
     */
    long stopAndTime(ProbePanel from) throws Exception {
        if (Math.abs(trueSpeedMmPerS()) < 5) {
            // the jog paused (an enable late under the machine's load): a STOP of legs at rest proves nothing
            throw new TimingMiss(kind + ": the legs stopped before the STOP (a late enable: SR-10)");
        }
        long n = from.send("\"command\":\"stop\"");
        ProbePanel.Reply r = from.awaitReply(n, 5_000);
        assertTrue(r != null, kind + ": no reply to " + from.panelId + "'s STOP within 5 s");
        long nanos = from.replyNanos(n);
        stopReplyNanos.add(nanos);
        assertTrue(r.json().path("accepted").asBoolean(), r.json().toString());
        awaitAtRest();
        return nanos;
    }

    /** Waits until both leg winches are still on their brakes (2 s at most). */
    void awaitAtRest() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (!(rig.legs().brakesEngaged() && Math.abs(rig.legs().speedMmPerS()) < 0.5)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(kind + ": the legs are not at rest on their brakes 2 s after STOP: "
                        + trueSpeedMmPerS() + " mm/s");
            }
            Thread.sleep(5);
        }
    }

    /** The STOP reply times recorded so far, ns. */
    List<Long> stopReplies() {
        synchronized (stopReplyNanos) {
            return List.copyOf(stopReplyNanos);
        }
    }

    /** Every STOP was answered within {@value #STOP_REPLY_MS} ms; prints the figures for the record. */
    void assertStopsAnsweredInTime(String attack) {
        List<Long> sorted = new ArrayList<>(stopReplies());
        assertTrue(!sorted.isEmpty(), "no STOP was timed");
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1e6;
        double max = sorted.get(sorted.size() - 1) / 1e6;
        System.out.printf("FIGURE %s on %s: STOP reply p50 %.1f ms, max %.1f ms over %d; late batches %d (rt %s), worst "
                + "lateness %.1f ms%n", attack, kind, p50, max, sorted.size(), rig.lateBatches(), rig.realtime(),
                rig.maxLateNanos() / 1e6);
        if (max > STOP_REPLY_MS) {
            throw new TimingMiss(attack + " on " + kind + ": a STOP took " + max + " ms to answer (p50 " + p50 + " ms, "
                    + sorted.size() + " STOPs): " + sorted);
        }
    }

    /** No fault latched on the rig, and no batch of control steps ran more than 50 ms late. */
    void assertNoFaultAndNoLateStep(String attack) {
        var faults = rig.h.controller.status().faults();
        assertTrue(faults.isEmpty(), attack + " on " + kind + ": faults latched: " + faults);
        if (rig.lateBatches() > 0) {
            throw new TimingMiss(attack + " on " + kind + ": " + rig.lateBatches()
                    + " batches of control steps ran more than 50 ms late (worst " + rig.maxLateNanos() / 1e6 + " ms)");
        }
    }

    /** The journal's records from {@code fromSeq} to now (after a flush). */
    List<JournalRecord> journalSince(long fromSeq) throws Exception {
        journal.flush(java.time.Duration.ofSeconds(5));
        return journal.read(fromSeq, Long.MAX_VALUE);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {trainer, technician, watcher, mqtt, journal, rig}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing everything regardless
            }
        }
        if (embedded != null) {
            embedded.close();
        }
        if (mosquitto != null) {
            mosquitto.close();
        }
    }
}
