package com.lianarig.tools.journal;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.store.NioFileOps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rig journal clients} and {@code rig journal maintenance} on a journal written by the real Journal. */
class JournalClientsAndMaintenanceTest {
    private static final Instant NOW = JournalFixture.T0.plusSeconds(7200);

    @TempDir
    Path dir;

    @Test
    void clientStaysComeFromAttachToDetachWithLoadProgramsAndFaults() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            List<JsonNode> stays = JournalCommandTest.json(f.run(NOW, "clients", "--config", f.rigFile.toString(),
                    "--format", "json"));
            JsonNode c1 = stays.get(0);
            JsonNode c2 = stays.get(1);
            assertAll(
                    () -> assertEquals(2, stays.size()),
                    () -> assertEquals("c-1", c1.get("client").asText()),
                    () -> assertEquals(JournalFixture.T0.plusSeconds(1).toString(), c1.get("attached").asText()),
                    () -> assertEquals(JournalFixture.T0.plusSeconds(70).toString(), c1.get("ended").asText()),
                    () -> assertEquals("detached", c1.get("end").asText()),
                    () -> assertEquals(69.0, c1.get("durationS").asDouble()),
                    () -> assertEquals(60.0, c1.get("underLoadS").asDouble(), "from the first rope loaded to the last unloaded"),
                    () -> assertEquals("[\"L4-L5\"]", c1.get("segments").toString()),
                    () -> assertEquals(1, c1.get("programs").asInt(), "the refused start does not count"),
                    () -> assertEquals("[\"SR-7\"]", c1.get("faults").toString()),
                    () -> assertEquals("c-2", c2.get("client").asText()),
                    () -> assertEquals("still attached", c2.get("end").asText()),
                    () -> assertEquals(14.0, c2.get("durationS").asDouble(), "up to the journal's last record"),
                    () -> assertEquals(5.0, c2.get("underLoadS").asDouble()));
            JournalFixture.Run text = f.run(NOW, "--config", f.rigFile.toString(), "clients", "--client", "c-1");
            assertEquals(0, text.exitCode(), text.toString());
            assertEquals(2, text.out().lines().count(), text.out());
            assertTrue(text.out().lines().skip(1).findFirst().orElseThrow().matches(
                    "c-1 +2026-11-20 08:00:01  2026-11-20 08:01:10  1m09s +1m00s +1 +L4-L5 +faults: 1 \\(SR-7\\); detached"),
                    text.out());
        }
    }

    @Test
    void maintenanceCountsBrakeCyclesHoursUnderLoadAndCalibrationAge() throws Exception {
        try (JournalFixture f = new JournalFixture(dir).writeTwoSessions()) {
            CalibrationStore store = new CalibrationStore(f.rig.paths().calibrationDir(), new NioFileOps(),
                    CalibrationPolicy.defaults());
            Instant calibrated = Instant.now().minus(Duration.ofDays(40)).minusSeconds(3600);
            store.append(Calibration.fromPoints(new ChannelRef("VR-0001", 0), calibrated, "J. Tech",
                    List.of(new CalibrationPoint(1000, 0), new CalibrationPoint(1000 + 50 * 9.80665 * 20, 50))));
            List<JsonNode> out = JournalCommandTest.json(f.run(NOW, "maintenance", "--config", f.rigFile.toString(),
                    "--format", "json"));
            JsonNode m = out.get(0);
            assertAll(
                    () -> assertEquals("{\"left-leg-winch\":1,\"right-leg-winch\":1,\"left-loop-winch\":1}",
                            m.get("brakeCycles").toString()),
                    () -> assertEquals(65.0 / 3600, m.get("hoursUnderLoad").get("left-leg").asDouble(), 1e-9,
                            "60 s in session 1 and 5 s up to the last record of session 2"),
                    () -> assertEquals(60.0 / 3600, m.get("hoursUnderLoad").get("right-leg").asDouble(), 1e-9),
                    () -> assertEquals(0.0, m.get("hoursUnderLoad").get("right-loop").asDouble()),
                    () -> assertEquals(40, (int) m.get("calibrationAgeDays").get("left-leg").asDouble()),
                    () -> assertTrue(m.get("calibrationAgeDays").get("right-leg").isNull()),
                    () -> assertEquals(20, m.get("records").asInt()));
            JournalFixture.Run text = f.run(NOW, "maintenance", "--config", f.rigFile.toString());
            assertEquals(0, text.exitCode(), text.toString());
            assertAll(
                    () -> assertTrue(text.out().contains("left-leg-winch              1"), text.out()),
                    () -> assertTrue(text.out().contains("left-leg                 0.02 h      2 loading(s)  (loaded at the"
                            + " last record)"), text.out()),
                    () -> assertTrue(text.out().matches("(?s).*left-leg +VR-0001 channel 0 +40 days  \\(.*, by J. Tech\\).*"),
                            text.out()),
                    () -> assertTrue(text.out().contains("right-leg            VR-0001 channel 1    NOT CALIBRATED: no"
                            + " calibration on record"), text.out()));
        }
    }

    /**
     * SPEC section 5: the session history kept with the profiles is readable by {@code rig journal clients
     * --history}: the aims and heights, the holds, the stops and why, the trainer's note, in the order they
     * happened; a damaged file is named, the rest still printed.
     */
    @Test
    void theSessionHistoryKeptWithTheProfilesWithTheTrainersNote() throws Exception {
        try (JournalFixture f = new JournalFixture(dir)) {
            SessionHistoryStore store = new SessionHistoryStore(f.rig.paths().profilesDir(), new NioFileOps());
            store.save(SessionRecord.open("c-1", 1, JournalFixture.T0)
                    .withAim(new SessionRecord.Aim(12.5, Exercise.INVERTED_HANG, SpineSegment.L4_L5, 1750.0))
                    .withHold(new SessionRecord.Hold(30.0, SpineSegment.L4_L5, 1, 3, 3.0, 1.4, 1702.6))
                    .withStop(new SessionRecord.Stop(31.4, "STOP from trainer-tablet"))
                    .withNote(new SessionRecord.Note(40.0, JournalFixture.T0.plusSeconds(40), "trainer-tablet",
                            "pain at L5, stopped"))
                    .withInverted(125.0)
                    .ended(new SessionRecord.Ending(JournalFixture.T0.plusSeconds(300), "detached")));
            Files.createDirectories(store.fileOf("c-2", 1).getParent());
            Files.writeString(store.fileOf("c-2", 1), "{ damaged");

            JournalFixture.Run text = f.run(NOW, "clients", "--history", "--config", f.rigFile.toString());
            assertEquals(0, text.exitCode(), text.toString());
            assertEquals(List.of(
                    "client c-1, session 1: 2026-11-20 08:00:00 - 2026-11-20 08:05:00 (detached)",
                    "  inverted 2m05s in all, longest 2m05s; SR-21 alarms 0, escalated 0",
                    "  +0:12    aim   inverted-hang L4-L5 at 1750 mm",
                    "  +0:30    hold  L4-L5, repetition 1/3: 1.4 s of 3.0 s, straps at 1703 mm",
                    "  +0:31    stop  STOP from trainer-tablet",
                    "  +0:40    note  trainer-tablet: pain at L5, stopped"), text.out().lines().toList(), text.toString());
            assertTrue(text.err().contains("session-000001.json"), "the damaged file is named: " + text.err());

            List<JsonNode> json = JournalCommandTest.json(f.run(NOW, "clients", "--history", "--client", "c-1",
                    "--format", "json", "--config", f.rigFile.toString()));
            assertEquals(1, json.size());
            assertEquals("pain at L5, stopped", json.get(0).path("notes").get(0).path("text").asText(), json.toString());
            assertEquals("(no session history in " + store.directory() + " for client c-3)", f.run(NOW, "clients",
                    "--history", "--client", "c-3", "--config", f.rigFile.toString()).out().strip());
        }
    }
}
