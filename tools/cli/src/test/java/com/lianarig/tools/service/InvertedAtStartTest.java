package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.core.AlarmLevel;
import com.lianarig.controller.history.InversionFile;
import com.lianarig.controller.service.RigService;
import com.lianarig.sim.fault.Faults;
import com.lianarig.tools.ExampleRigFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 at the service's start: {@link RigService} finds the inversion file the previous run left in the
 * data directory and hands it to SR-21 (real time, the virtual rig in this process). A body on the leg ropes:
 * the count goes on from the recorded time and the alarm rises within seconds (recorded 176 s of 180 s);
 * nothing on them: the cut inversion is closed with its recorded length, the file removed, nothing sounds.
 */
@Timeout(120)
class InvertedAtStartTest {
    @TempDir
    Path dir;

    private static final String LEFT_BEHIND = "{\"format\":1,\"client\":\"c-left\",\"massKg\":70.0,\"invertedS\":176.0}";

    @Test
    void aBodyStillOnTheLegRopesAtStartHearsTheAlarmForTheTimeLeft() throws Exception {
        RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.toString())).load(ExampleRigFile.find());
        Files.createDirectories(rig.paths().dataDir());
        Files.writeString(rig.paths().dataDir().resolve(InversionFile.NAME), LEFT_BEHIND);
        VirtualHardware.Started started = VirtualHardware.start(141);
        VirtualHardware.calibrate(started.rig(), rig);
        // the client left hanging: 40 kg on each leg rope (the ropes' share of a 70 kg body and more)
        Faults.extraLoad(started.rig(), 0, 40 * 9.80665);
        Faults.extraLoad(started.rig(), 1, 40 * 9.80665);
        List<String> journal = new CopyOnWriteArrayList<>();
        try (RigService service = new RigService(rig, started.hardware(), (k, b) -> journal.add(k + " " + b),
                Clock.systemUTC())) {
            service.start();
            assertTrue(await(() -> service.controller().status().alarm().isPresent(), 15_000),
                    "no SR-21 alarm after the restart: " + service.controller().status() + journal);
            assertEquals(AlarmLevel.ALARM, service.controller().status().alarm().orElseThrow().level());
            assertEquals("c-left", service.controller().status().alarm().orElseThrow().clientId());
            assertTrue(service.controller().status().invertedS() >= 180, "counted on from 176 s: "
                    + service.controller().status().invertedS());
            assertTrue(journal.stream().anyMatch(j -> j.startsWith("inverted {\"event\":\"resumed\",\"client\":\"c-left\"")),
                    journal.toString());
        }
    }

    @Test
    void nothingOnTheLegRopesAtStartClosesTheCutInversionAndNothingSounds() throws Exception {
        RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.toString())).load(ExampleRigFile.find());
        Files.createDirectories(rig.paths().dataDir());
        Path file = rig.paths().dataDir().resolve(InversionFile.NAME);
        Files.writeString(file, LEFT_BEHIND);
        VirtualHardware.Started started = VirtualHardware.start(142);
        VirtualHardware.calibrate(started.rig(), rig);
        List<String> journal = new CopyOnWriteArrayList<>();
        try (RigService service = new RigService(rig, started.hardware(), (k, b) -> journal.add(k + " " + b),
                Clock.systemUTC())) {
            service.start();
            assertTrue(await(() -> journal.stream().anyMatch(j -> j.startsWith("inverted {\"event\":\"ended\"")), 15_000),
                    "the cut inversion was never closed: " + journal);
            String ended = journal.stream().filter(j -> j.startsWith("inverted {\"event\":\"ended\"")).findFirst()
                    .orElseThrow();
            assertTrue(ended.contains("\"client\":\"c-left\"") && ended.contains("\"seconds\":176.0")
                    && ended.contains("carry nothing"), ended);
            assertTrue(await(() -> !Files.exists(file), 5_000), "the file stays: it would be resumed again");
            Thread.sleep(500);
            assertTrue(service.controller().status().alarm().isEmpty(), service.controller().status().toString());
            assertFalse(journal.stream().anyMatch(j -> j.startsWith("alarm ")), journal.toString());
        }
    }

    private static boolean await(BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
