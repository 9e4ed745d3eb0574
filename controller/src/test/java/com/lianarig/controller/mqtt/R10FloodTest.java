package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.journal.JournalRecord;
import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R-10, issues 18 and 20: a flood of 20,000 messages in 10 s from one client (unknown panel ids,
 * malformed payloads, replayed counters, and well-formed commands the controller refuses) once left
 * enables unanswered, tripped SR-8, and rotated the session's history out of the journal. Here the
 * flood runs while the trainer holds the enable and jogs the legs; every second the trainer STOPs
 * and jogs again. Every STOP is answered within 250 ms, the enables keep the legs moving between them,
 * no fault, no late step; and the journal gets coalesced noise records, not one per message (the
 * records per 10,000 noise messages are printed as a figure).
 *
 * <p>On the example Mosquitto the flooder holds the technician panel's credentials (the ACL lets it
 * publish only the technician's own command topic, so its flood is malformed, replayed and refused
 * commands there).
 */
class R10FloodTest {
    static final int MESSAGES = 20_000;
    static final long FLOOD_NANOS = 10_000_000_000L;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = Broker.class, names = {"EMBEDDED", "MOSQUITTO_EXAMPLE"})
    void aFloodFromOneClientNeitherDelaysControlNorStarvesAnotherPanelsStop(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, bus -> {
            bus.trainerInCommandHoldingEnable();
            long firstSeq = bus.journal.stats().lastSeq() + 1;
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread flooder = new Thread(() -> {
                try (RawMqttClient attacker = bus.attacker(RigOnTheBus.TECHNICIAN, "flooder")) {
                    flood(attacker, bus, broker == Broker.EMBEDDED, sent);
                } catch (Throwable e) {
                    failed.set(e);
                }
            }, "flooder");
            bus.rig.resetLateness();
            long enablesBefore = bus.trainer.enableReplies();
            java.util.Map<String, Long> cpuBefore = threadCpu();
            flooder.start();
            long start = System.nanoTime();
            int stops = 0;
            while (System.nanoTime() - start < FLOOD_NANOS) {
                bus.jogAndAwaitMotion();
                Thread.sleep(400);
                bus.stopAndTime(bus.trainer);
                stops++;
            }
            flooder.join(30_000);
            java.util.Map<String, Long> cpuAfter = threadCpu();
            java.util.Map<String, Long> cpu = new java.util.TreeMap<>();
            cpuAfter.forEach((k, v) -> cpu.merge(k, v - cpuBefore.getOrDefault(k, 0L), Long::sum));
            cpu.replaceAll((k, v) -> v / 1_000_000);
            System.out.println("FIGURE flood CPU ms by thread group on " + broker + ": " + cpu);
            assertTrue(failed.get() == null, "the flooder failed: " + failed.get());
            long enables = bus.trainer.enableReplies() - enablesBefore;
            List<JournalRecord> written = bus.journalSince(firstSeq);
            Map<String, Integer> byKind = new TreeMap<>();
            for (JournalRecord r : written) {
                byKind.merge(r.kind(), 1, Integer::sum);
            }
            System.out.printf("FIGURE flood on %s: %d messages, %d STOPs, %d enables answered; %d journal records "
                    + "(%.1f per 10,000 flood messages): %s%n", broker, sent.get(), stops, enables, written.size(),
                    written.size() * 10_000.0 / sent.get(), byKind);
            assertTrue(sent.get() >= MESSAGES, "the flood sent " + sent.get());
            bus.assertStopsAnsweredInTime("a flood of " + sent.get() + " messages in 10 s");
            bus.assertNoFaultAndNoLateStep("a flood");
            assertTrue(enables > 50, "the trainer's enables were answered through the flood: " + enables);
            assertTrue(written.size() < 0.05 * sent.get(), "the journal coalesces bus noise: " + written.size()
                    + " records for " + sent.get() + " messages: " + byKind);
        });
    }

    /** CPU time so far by thread group (names without their numbers), ns. */
    static java.util.Map<String, Long> threadCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            long ns = mx.getThreadCpuTime(t.getId());
            if (ns > 0) {
                out.merge(t.getName().replaceAll("[0-9]+", "#"), ns, Long::sum);
            }
        }
        return out;
    }

    /**
     * 2,000 messages a second for 10 s: a quarter each unknown panel ids (where the broker lets the
     * flooder publish them), malformed payloads, replayed counters, and fresh commands the controller
     * refuses (detach from the technician's panel while the trainer's is in command: NOT_IN_COMMAND; a
     * take-control would be granted, since a technician panel may take command from a trainer's, SR-24; on
     * its own topic the flooder asks to release a command it does not hold instead).
     */
    static void flood(RawMqttClient attacker, RigOnTheBus bus, boolean anyTopic, AtomicInteger sent) throws Exception {
        String own = bus.topics.command(RigOnTheBus.TECHNICIAN);
        long session = bus.mqtt.session();
        long start = System.nanoTime();
        long counter = 1_000;
        for (int i = 0; i < MESSAGES; i++) {
            switch (i % 4) {
                case 0 -> attacker.publish(anyTopic ? bus.topics.command("intruder-" + i) : own,
                        "{\"session\":" + session + ",\"counter\":" + i + ",\"command\":\""
                                + (anyTopic ? "take-control" : "release-control") + "\"}");
                case 1 -> attacker.publish(own, "{not json " + i);
                case 2 -> attacker.publish(own, "{\"session\":" + session + ",\"counter\":5,\"command\":\"reset\"}");
                default -> attacker.publish(own, "{\"session\":" + session + ",\"counter\":" + ++counter
                        + ",\"command\":\"detach\"}");
            }
            sent.incrementAndGet();
            if (i % 20 == 19) {
                attacker.flush();
                long due = start + (i + 1) * (FLOOD_NANOS / MESSAGES);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        }
        attacker.flush();
    }
}
