package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.mqtt.RigOnTheBus.Broker;
import com.lianarig.controller.mqtt.testing.RawMqttClient;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R-10, issue 18: one 64 MiB publish on a command topic once ran the service's JVM out of heap (Paho
 * reads a whole packet into one array, then copies its payload into another): the control loop
 * stalled, the moving rig stopped on faults, commands went unanswered for 23 s. A command is at most
 * 4 KiB: anything bigger is refused before it is read into memory, by the broker (Moquette's netty
 * limit; the example Mosquitto's {@code max_packet_size}, which disconnects the sender) and by the
 * service's own client (the plain Mosquitto has no limit: the rig's inbound filter skips the packet
 * without buffering it).
 *
 * <p>The proof is measured, not hoped for: the bytes the service's MQTT receiver and callback threads
 * allocate while the 64 MiB goes by (Paho's own would be over 128 MiB), and, with the legs moving, the
 * trainer's STOP right after it answered within 250 ms, no fault, no late step. Where the broker has
 * no limit (the plain Mosquitto) the 64 MiB still passes through the rig's socket ahead of the
 * trainer's enables, so the legs may pause (SR-10, the safe reaction) and are jogged again first: the
 * broker's own limit is what keeps the stream clear, and the example config sets it.
 */
class R10OversizeTest {
    static final long PAYLOAD_BYTES = 64L << 20;
    /** What the rig's MQTT threads may allocate while the big publish passes: a few command-sized buffers. */
    static final long ALLOCATION_BOUND_BYTES = 4L << 20;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Broker.class)
    void a64MiBPublishIsRefusedBeforeItIsReadIntoMemoryAndStopIsStillAnswered(Broker broker) throws Exception {
        RigOnTheBus.attack(broker, dir, bus -> {
            bus.trainerInCommandHoldingEnable();
            bus.jogAndAwaitMotion();
            bus.rig.resetLateness();
            double startMm = bus.rig.legs().positionMm();
            long before = mqttThreadAllocatedBytes();
            try (RawMqttClient attacker = bus.attacker(RigOnTheBus.TECHNICIAN, "attacker")) {
                attacker.publishLarge(bus.topics.command(RigOnTheBus.TECHNICIAN), PAYLOAD_BYTES);
                Thread.sleep(500); // the broker has forwarded (or refused) it, the rig has read (or skipped) it
            } catch (java.io.IOException e) {
                // the broker closed the connection mid-publish: it refused the packet
            }
            long allocated = mqttThreadAllocatedBytes() - before;
            boolean stillMoving = Math.abs(bus.trueSpeedMmPerS()) >= 5;
            System.out.printf("FIGURE 64 MiB publish on %s: the rig's MQTT threads allocated %.1f MiB; the legs %s%n",
                    broker, allocated / 1048576.0, stillMoving ? "kept moving" : "paused (SR-10: enables held up behind "
                            + "the 64 MiB in the broker's stream to the rig) after "
                            + Math.round(bus.rig.legs().positionMm() - startMm) + " mm");
            if (!stillMoving) {
                bus.jogAndAwaitMotion();
            }
            bus.stopAndTime(bus.trainer);
            assertTrue(allocated < ALLOCATION_BOUND_BYTES, broker + ": the rig's MQTT threads allocated "
                    + allocated / 1048576 + " MiB while a 64 MiB publish went by: it was read into memory");
            bus.assertStopsAnsweredInTime("a 64 MiB publish");
            bus.assertNoFaultAndNoLateStep("a 64 MiB publish");
        });
    }

    /** Bytes allocated so far by the threads that read the rig's MQTT connection (Paho's receiver and callback). */
    static long mqttThreadAllocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if ((name.startsWith("MQTT Rec: ") || name.startsWith("MQTT Call: ")) && !name.contains("device")
                    && !name.contains("watcher")) {
                sum += Math.max(0, threads.getThreadAllocatedBytes(t.getId()));
            }
        }
        return sum;
    }
}
