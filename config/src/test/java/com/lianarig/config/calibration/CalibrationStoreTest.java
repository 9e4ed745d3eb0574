package com.lianarig.config.calibration;

import static com.lianarig.config.calibration.CalibrationTest.CH;
import static com.lianarig.config.calibration.CalibrationTest.T0;
import static com.lianarig.config.calibration.CalibrationTest.point;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.config.store.SimulatedDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Calibrations kept per node with history, saved atomically; SR-17's query; R-6 crash safety. */
class CalibrationStoreTest {
    private static final Path DIR = Path.of("/var/lib/liana-rig/calibration");
    private static final CalibrationPolicy POLICY = CalibrationPolicy.defaults();

    private static CalibrationStore store(SimulatedDisk disk) {
        return new CalibrationStore(DIR, disk, POLICY);
    }

    private static Calibration fit(ChannelRef ch, int minutes, double... massesKg) {
        return Calibration.fromPoints(ch, T0.plusSeconds(60L * minutes), "J. Tech",
                Arrays.stream(massesKg).mapToObj(CalibrationTest::point).toList());
    }

    @Test
    void appendKeepsTheHistoryAndTheLatestIsCurrentOnlyWhileValid() throws Exception {
        CalibrationStore store = store(new SimulatedDisk());
        Calibration first = fit(CH, 0, 0, 20, 50);
        Calibration tare = first.tared(T0.plusSeconds(600), "A. Trainer", -119_990);
        Calibration bent = Calibration.fromPoints(CH, T0.plusSeconds(1200), "J. Tech", List.of(point(0),
                new CalibrationPoint(point(20).rawCounts() + 20_000, 20), point(50)));
        store.append(first);
        store.append(tare);
        assertEquals(Optional.of(tare), store.current(CH));
        store.append(bent);
        assertEquals(List.of(first, tare, bent), store.load("VR-0001").history(2));
        assertEquals(Optional.empty(), store.current(CH), "a bent (non-linear) latest fit leaves the channel uncalibrated");
    }

    @Test
    void anInvalidLatestCalibrationLeavesTheChannelUncalibratedRatherThanFallingBack() throws Exception {
        CalibrationStore store = store(new SimulatedDisk());
        store.append(fit(CH, 100, 0, 20));
        Calibration tooLight = fit(CH, 100, 0, 2); // full scale below the policy's minimum
        assertTrue(tooLight.invalidity(store.policy()).isPresent());

        store.append(tooLight);

        assertEquals(Optional.empty(), store.current(CH));
        assertEquals(1, store.missingCalibrations(java.util.List.of(CH)).size());
    }

    @Test
    void historyIsOrderedAsMadeNotByTimestamp() throws Exception {
        // The Pi may have no real-time clock: a later calibration may carry an earlier date.
        CalibrationStore store = store(new SimulatedDisk());
        Calibration a = fit(CH, 100, 0, 20);
        Calibration b = fit(CH, 0, 0, 30);
        store.append(a);
        store.append(b);
        assertEquals(Optional.of(b), store.current(CH));
    }

    @Test
    void missingCalibrationsNamesEveryChannelWithoutAValidOneAndWhy() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        CalibrationStore store = store(disk);
        ChannelRef ch0 = new ChannelRef("VR-0001", 0);
        ChannelRef ch1 = new ChannelRef("VR-0001", 1);
        ChannelRef ch3 = new ChannelRef("VR-0001", 3);
        ChannelRef other = new ChannelRef("VR-0002", 0);
        store.append(fit(ch0, 0, 0, 20, 50));
        store.append(fit(ch1, 0, 0, 2));
        disk.createAndWrite(store.fileOf("VR-0002"), "{ not json".getBytes(StandardCharsets.UTF_8));

        List<MissingCalibration> missing = store.missingCalibrations(List.of(ch0, ch1, ch3, other));
        assertEquals(List.of(ch1, ch3, other), missing.stream().map(MissingCalibration::channel).toList());
        assertTrue(missing.get(0).message().startsWith("VR-0001 channel 1: no valid calibration: the latest"),
                missing.get(0).message());
        assertTrue(missing.get(0).reason().endsWith("its largest reference mass 2 kg is below 10 kg"));
        assertEquals("VR-0001 channel 3: no calibration on record", missing.get(1).message());
        assertTrue(missing.get(2).reason().startsWith("its calibration file cannot be used: "
                + DIR.resolve("VR-0002.json")), missing.get(2).reason());
    }

    @Test
    void savedCalibrationsReadBackExactly(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir, new NioFileOps(), POLICY);
        Calibration c = Calibration.fromPoints(CH, Instant.parse("2025-03-14T09:30:00.123456789Z"), "Ré Technicienne",
                List.of(new CalibrationPoint(-120_000.123456789, 0), new CalibrationPoint(291_234.987654321, 20.05),
                        new CalibrationPoint(911_111.5, 50.000001)));
        store.append(c);
        Calibration back = new CalibrationStore(dir, new NioFileOps(), POLICY).load("VR-0001").history(2).get(0);
        assertEquals(c, back);
        String json = Files.readString(dir.resolve("VR-0001.json"));
        assertTrue(json.contains("\"formatVersion\" : 1"), json);
        assertTrue(json.contains("\"residualsN\""), json);
    }

    @Test
    void aSerialThatIsNoSafeFileNameIsEncoded(@TempDir Path dir) throws Exception {
        CalibrationStore store = new CalibrationStore(dir, new NioFileOps(), POLICY);
        ChannelRef odd = new ChannelRef("../x/y", 0);
        store.append(fit(odd, 0, 0, 20));
        assertEquals(dir.resolve("%2E%2E%2Fx%2Fy.json"), store.fileOf("../x/y"));
        assertEquals(1, store.load("../x/y").history(0).size());
    }

    @Test
    void aFileThatCannotBeReadIsNeverOverwritten() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        CalibrationStore store = store(disk);
        byte[] corrupt = "{\"formatVersion\": 1, \"nodeSerial\": \"VR-0001\", \"calibrations\": [{\"channel\": 2}]}"
                .getBytes(StandardCharsets.UTF_8);
        disk.createAndWrite(store.fileOf("VR-0001"), corrupt);
        assertThrows(ConfigException.class, () -> store.append(fit(CH, 0, 0, 20)));
        assertArrayEquals(corrupt, disk.read(store.fileOf("VR-0001")));
    }

    @Test
    void errorsInACalibrationFileNameTheirPath() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        CalibrationStore store = store(disk);
        store.append(fit(CH, 0, 0, 20, 50));
        String json = new String(disk.read(store.fileOf("VR-0001")), StandardCharsets.UTF_8)
                .replaceFirst("\"referenceMassKg\" : 20\\.0", "\"referenceMassKg\" : -20.0")
                .replaceFirst("\"kind\" : \"fit\"", "\"kind\" : \"refit\"")
                .replaceFirst("\"technician\"", "\"tech\"");
        SimulatedDisk edited = new SimulatedDisk();
        edited.createAndWrite(store.fileOf("VR-0001"), json.getBytes(StandardCharsets.UTF_8));
        List<ConfigError> errors = assertThrows(ConfigException.class, () -> store(edited).load("VR-0001"))
                .errors();
        List<String> paths = errors.stream().map(ConfigError::path).toList();
        assertTrue(paths.contains("calibrations[0].points[1].referenceMassKg"), errors.toString());
        assertTrue(paths.contains("calibrations[0].kind"), errors.toString());
        assertTrue(paths.contains("calibrations[0].tech"), errors.toString());
        assertTrue(errors.get(0).line() > 0, errors.toString());
    }

    @Test
    void aTamperedScaleIsDetected() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        CalibrationStore store = store(disk);
        store.append(fit(CH, 0, 0, 20, 50));
        String json = new String(disk.read(store.fileOf("VR-0001")), StandardCharsets.UTF_8)
                .replaceFirst("\"countsPerN\" : 2100\\.0[0-9]*", "\"countsPerN\" : 2000.0");
        SimulatedDisk edited = new SimulatedDisk();
        edited.createAndWrite(store.fileOf("VR-0001"), json.getBytes(StandardCharsets.UTF_8));
        ConfigException e = assertThrows(ConfigException.class, () -> store(edited).load("VR-0001"));
        assertEquals("calibrations[0].countsPerN", e.errors().get(0).path());
    }

    /**
     * lookup never throws. A damaged, truncated or garbage file leaves the node's channels uncalibrated
     * with the file and its first problem named; a readable file answers as {@code current} does.
     */
    @Test
    void lookupNamesWhyAChannelHasNoCalibrationAndNeverThrows() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        CalibrationStore store = store(disk);
        Calibration c = fit(CH, 0, 0, 20, 50);
        store.append(c);
        assertEquals(new ChannelCalibration(CH, Optional.of(c), null), store.lookup(CH));
        assertEquals("no calibration on record", store.lookup(new ChannelRef("VR-0001", 0)).whyNot());
        String json = new String(disk.read(store.fileOf("VR-0001")), StandardCharsets.UTF_8);
        for (String damaged : List.of(json.replaceFirst("\"countsPerN\" : 2100\\.0[0-9]*", "\"countsPerN\" : 2000.0"),
                json.substring(0, json.length() / 2), "\u0000\u00ff\u0007 not a calibration file")) {
            SimulatedDisk edited = new SimulatedDisk();
            edited.createAndWrite(store.fileOf("VR-0001"), damaged.getBytes(StandardCharsets.UTF_8));
            for (ChannelRef ch : List.of(CH, new ChannelRef("VR-0001", 0))) {
                ChannelCalibration looked = store(edited).lookup(ch);
                assertEquals(Optional.empty(), looked.calibration());
                assertTrue(looked.whyNot().startsWith("its calibration file cannot be used: "
                        + DIR.resolve("VR-0001.json")), looked.whyNot());
            }
        }
    }

    @Test
    void aFileOfAnotherNodeIsRefused() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        store(disk).append(fit(CH, 0, 0, 20));
        byte[] bytes = disk.read(DIR.resolve("VR-0001.json"));
        disk.createAndWrite(DIR.resolve("VR-0009.json"), bytes);
        ConfigException e = assertThrows(ConfigException.class, () -> store(disk).load("VR-0009"));
        assertEquals("nodeSerial", e.errors().get(0).path());
    }

    // ---- a crash at any step of a save never corrupts the current calibration

    private static int stepsOfOneAppend() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        store(disk).append(fit(CH, 0, 0, 20, 50));
        disk.failAtStep(0);
        store(disk).append(fit(CH, 10, 0, 30, 60));
        return disk.steps();
    }

    static Stream<Integer> everyStep() throws Exception {
        return IntStream.rangeClosed(1, stepsOfOneAppend()).boxed();
    }

    @ParameterizedTest
    @MethodSource("everyStep")
    void aPowerCutAtAnyStepOfASaveKeepsThePreviousCalibration(int step) throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        Calibration previous = fit(CH, 0, 0, 20, 50);
        store(disk).append(previous);
        disk.failAtStep(step);
        assertThrows(IOException.class, () -> store(disk).append(fit(CH, 10, 0, 30, 60)));
        disk.powerCut();
        CalibrationStore rebooted = store(disk);
        assertEquals(List.of(previous), rebooted.load("VR-0001").history(2));
        assertEquals(Optional.of(previous), rebooted.current(CH));
        assertEquals(List.of(), rebooted.missingCalibrations(List.of(CH)));
    }

    @ParameterizedTest
    @MethodSource("everyStep")
    void aKilledProcessAtAnyStepLeavesTheOldOrTheNewHistoryAndTheNextSaveCleansUp(int step) throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        Calibration previous = fit(CH, 0, 0, 20, 50);
        Calibration next = fit(CH, 10, 0, 30, 60);
        store(disk).append(previous);
        disk.failAtStep(step);
        assertThrows(IOException.class, () -> store(disk).append(next));
        disk.restartProcess();
        List<Calibration> history = store(disk).load("VR-0001").history(2);
        assertTrue(history.equals(List.of(previous)) || history.equals(List.of(previous, next)), history.toString());
        Calibration third = fit(CH, 20, 0, 40);
        store(disk).append(third);
        assertEquals(third, store(disk).load("VR-0001").history(2).get(history.size()));
        assertEquals(List.of(DIR.resolve("VR-0001.json")), disk.allFiles());
    }

    @Test
    void aCompletedSaveSurvivesAPowerCut() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        Calibration previous = fit(CH, 0, 0, 20, 50);
        Calibration next = fit(CH, 10, 0, 30, 60);
        store(disk).append(previous);
        store(disk).append(next);
        disk.powerCut();
        assertEquals(Optional.of(next), store(disk).current(CH));
    }
}
