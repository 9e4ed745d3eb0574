package com.lianarig.config.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.SpineSegment;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.config.store.SimulatedDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Client profiles: validated, one file per client, saved atomically, listed. */
class ProfileStoreTest {
    private static final Path DIR = Path.of("/var/lib/liana-rig/profiles");

    static ClientProfile full() {
        ExercisePreset inverted = new ExercisePreset("lower-back", Exercise.INVERTED_HANG,
                Optional.of(SpineSegment.L4_L5), OptionalDouble.empty(), 3, 2, 3);
        ExercisePreset upright = new ExercisePreset("upright", Exercise.UPRIGHT_HANG, Optional.empty(),
                OptionalDouble.of(35), 5, 0, 2);
        return new ClientProfile("c-0042", 1750, 70, Map.of(Landmark.CERVICALE, 1500.0, Landmark.ILIOCRISTALE, 1040.0),
                Map.of(SpineSegment.L4_L5, 20.0, SpineSegment.T12_L1, -12.5), OptionalDouble.of(1650),
                List.of(inverted, upright));
    }

    private static String yaml(ClientProfile p) {
        return new String(ProfileFormat.write(p), StandardCharsets.UTF_8);
    }

    private static List<ConfigError> errors(String yaml) {
        return assertThrows(ConfigException.class, () -> ProfileFormat.read(yaml.getBytes(StandardCharsets.UTF_8),
                "c-0042.yaml", "c-0042")).errors();
    }

    private static ConfigError errorAt(List<ConfigError> errors, String path) {
        return errors.stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + path + " in " + errors));
    }

    @Test
    void aProfileRoundTripsThroughItsFile(@TempDir Path dir) throws Exception {
        ProfileStore store = new ProfileStore(dir, new NioFileOps());
        store.save(full());
        assertEquals(Optional.of(full()), new ProfileStore(dir, new NioFileOps()).load("c-0042"));
        String text = Files.readString(dir.resolve("c-0042.yaml"));
        assertTrue(text.contains("L4-L5: 20.0"), text);
        assertFalse(text.contains("name"), text);
    }

    @Test
    void aMinimalProfileNeedsOnlyIdStatureAndMass() throws Exception {
        ClientProfile p = ProfileFormat.read("formatVersion: 1\nid: c-0042\nstatureMm: 1800\nmassKg: 82.5\n"
                .getBytes(StandardCharsets.UTF_8), "f", "c-0042");
        assertEquals(ClientProfile.of("c-0042", 1800, 82.5), p);
        assertEquals(0, p.offsetMm(SpineSegment.L3));
        assertTrue(p.maxStrapHeightMm().isEmpty());
    }

    @Test
    void statureMassAndOffsetsAreBounded() {
        String bad = yaml(full()).replace("statureMm: 1750.0", "statureMm: 2400")
                .replace("massKg: 70.0", "massKg: 19").replace("L4-L5: 20.0", "L4-L5: 151");
        List<ConfigError> errors = errors(bad);
        assertTrue(errorAt(errors, "statureMm").rule().startsWith("is above the maximum 2300 mm"));
        assertTrue(errorAt(errors, "massKg").rule().startsWith("is below the minimum 20 kg"));
        assertTrue(errorAt(errors, "segmentOffsetsMm.L4-L5").rule().startsWith("is above the maximum 150 mm"));
        assertThrows(IllegalArgumentException.class, () -> ClientProfile.of("x", 999, 70));
        assertThrows(IllegalArgumentException.class, () -> full().withOffset(SpineSegment.T4, -150.5));
    }

    @Test
    void anUnknownSegmentIdIsRejectedWithTheNearestOne() {
        ConfigError e = errorAt(errors(yaml(full()).replace("L4-L5: 20.0", "L4L5: 20")), "segmentOffsetsMm.L4L5");
        assertTrue(e.rule().contains("did you mean L4-L5?"), e.rule());
    }

    @Test
    void landmarksAreBelowTheStatureAndInOrder() {
        errorAt(errors(yaml(full()).replace("cervicale: 1500.0", "cervicale: 1800")), "landmarkHeightsMm.cervicale");
        ConfigError order = errorAt(errors(yaml(full()).replace("iliocristale: 1040.0", "iliocristale: 1600")),
                "landmarkHeightsMm");
        assertTrue(order.rule().contains("is not below cervicale"), order.rule());
    }

    @Test
    void presetsNeedWhatTheirExerciseAims() {
        List<ConfigError> errors = errors(yaml(full()).replace("  targetSegment: L4-L5\n", ""));
        assertTrue(errorAt(errors, "presets[0]").rule().contains("an inverted hang is aimed at a targetSegment"));
        errorAt(errors(yaml(full()).replace("targetSegment: L4-L5", "targetSegment: L9")), "presets[0].targetSegment");
    }

    @Test
    void theFileMustBeTheProfileItIsNamedFor() {
        errorAt(errors(yaml(full()).replace("id: c-0042", "id: c-0043")), "id");
    }

    @Test
    void unknownKeysSuchAsANameAreRejected() {
        ConfigError e = errorAt(errors(yaml(full()) + "name: Alice\n"), "name");
        assertTrue(e.rule().startsWith("is not a key of a client profile"), e.rule());
    }

    @Test
    void theStoreListsLoadsAndDeletesProfiles() throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        ProfileStore store = new ProfileStore(DIR, disk);
        store.save(full());
        store.save(ClientProfile.of("c-0001", 1600, 55));
        disk.createAndWrite(DIR.resolve(".c-0009.yaml.x.tmp"), new byte[1]);
        disk.createAndWrite(DIR.resolve("notes.txt"), new byte[1]);
        assertEquals(List.of("c-0001", "c-0042"), store.list());
        assertEquals(Optional.empty(), store.load("c-9999"));
        assertTrue(store.delete("c-0001"));
        assertFalse(store.delete("c-0001"));
        assertEquals(List.of("c-0042"), store.list());
        assertThrows(IllegalArgumentException.class, () -> store.load("../etc/passwd"));
    }

    @Test
    void savedNudgesAndPresetsReplaceEarlierOnes() {
        ClientProfile p = full().withOffset(SpineSegment.L4_L5, 35).withMaxStrapHeightMm(1600)
                .withPreset(new ExercisePreset("lower-back", Exercise.INVERTED_HANG, Optional.of(SpineSegment.L3),
                        OptionalDouble.empty(), 4, 1, 4));
        assertEquals(35, p.offsetMm(SpineSegment.L4_L5));
        assertEquals(OptionalDouble.of(1600), p.maxStrapHeightMm());
        assertEquals(2, p.presets().size());
        assertEquals(Optional.of(SpineSegment.L3), p.preset("lower-back").orElseThrow().targetSegment());
        assertEquals(7, p.preset("lower-back").orElseThrow().holdS(3));
    }

    static Stream<Integer> everyStep() throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        new ProfileStore(DIR, disk).save(full());
        disk.failAtStep(0);
        new ProfileStore(DIR, disk).save(full().withOffset(SpineSegment.T8, 5));
        return IntStream.rangeClosed(1, disk.steps()).boxed();
    }

    @ParameterizedTest
    @MethodSource("everyStep")
    void aPowerCutAtAnyStepOfASaveKeepsThePreviousProfile(int step) throws Exception {
        SimulatedDisk disk = new SimulatedDisk();
        new ProfileStore(DIR, disk).save(full());
        disk.failAtStep(step);
        assertThrows(IOException.class, () -> new ProfileStore(DIR, disk).save(full().withOffset(SpineSegment.T8, 5)));
        disk.powerCut();
        assertEquals(Optional.of(full()), new ProfileStore(DIR, disk).load("c-0042"));
        assertEquals(List.of("c-0042"), new ProfileStore(DIR, disk).list());
    }
}
