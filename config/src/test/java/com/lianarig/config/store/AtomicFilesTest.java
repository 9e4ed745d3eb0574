package com.lianarig.config.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Atomic replacement: a crash at any step leaves the previous content or the new one, whole. */
class AtomicFilesTest {
    private static final Path DIR = Path.of("/data/calibration");
    private static final Path FILE = DIR.resolve("VR-0001.json");
    private static final byte[] OLD = "previous calibration, complete".getBytes(UTF_8);
    private static final byte[] NEW = "the new calibration, also complete, longer".getBytes(UTF_8);

    /** How many mutating steps one save takes on the simulated disk. */
    private static int stepsOfOneSave() throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        new AtomicFiles(disk).write(FILE, OLD);
        disk.failAtStep(0);
        new AtomicFiles(disk).write(FILE, NEW);
        return disk.steps();
    }

    static Stream<Integer> everyStep() throws IOException {
        return IntStream.rangeClosed(1, stepsOfOneSave()).boxed();
    }

    private static SimulatedDisk diskHolding(byte[] content) throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        new AtomicFiles(disk).write(FILE, content);
        return disk;
    }

    @Test
    void aSaveTakesFiveSteps() throws IOException {
        // createDirectories, createAndWrite, force, move, forceDirectory: and nothing else.
        assertEquals(5, stepsOfOneSave());
    }

    @ParameterizedTest
    @MethodSource("everyStep")
    void aPowerCutAtAnyStepLeavesThePreviousContentWhole(int step) throws IOException {
        SimulatedDisk disk = diskHolding(OLD);
        disk.failAtStep(step);
        assertThrows(SimulatedDisk.Crash.class, () -> new AtomicFiles(disk).write(FILE, NEW));
        disk.powerCut();
        assertArrayEquals(OLD, disk.read(FILE));
    }

    @ParameterizedTest
    @MethodSource("everyStep")
    void aKilledProcessAtAnyStepLeavesOneWholeVersion(int step) throws IOException {
        SimulatedDisk disk = diskHolding(OLD);
        disk.failAtStep(step);
        assertThrows(SimulatedDisk.Crash.class, () -> new AtomicFiles(disk).write(FILE, NEW));
        disk.restartProcess();
        byte[] after = disk.read(FILE);
        assertTrue(Arrays.equals(OLD, after) || Arrays.equals(NEW, after), new String(after, UTF_8));
        new AtomicFiles(disk).removeLeftovers(DIR);
        assertEquals(List.of(FILE), disk.allFiles());
    }

    @Test
    void aCompletedSaveSurvivesAPowerCut() throws IOException {
        SimulatedDisk disk = diskHolding(OLD);
        new AtomicFiles(disk).write(FILE, NEW);
        disk.powerCut();
        assertArrayEquals(NEW, disk.read(FILE));
        assertEquals(List.of(FILE), disk.allFiles());
    }

    @Test
    void theSimulatedDiskCatchesASaveThatSkipsTheFileSync() throws IOException {
        // Proof that the crash tests can fail: without forcing the temporary file, a power cut after the
        // directory sync keeps the new name but not its content.
        SimulatedDisk disk = diskHolding(OLD);
        Path temp = DIR.resolve(".VR-0001.json.x.tmp");
        disk.createAndWrite(temp, NEW);
        disk.moveAtomically(temp, FILE);
        disk.forceDirectory(DIR);
        disk.powerCut();
        assertEquals(0, disk.read(FILE).length);
    }

    @Test
    void aRefusedDirectorySyncIsTolerated() throws IOException {
        SimulatedDisk disk = diskHolding(OLD);
        disk.refuseDirectorySync(true);
        new AtomicFiles(disk).write(FILE, NEW);
        assertArrayEquals(NEW, disk.read(FILE));
    }

    @Test
    void temporaryFilesAreHiddenAndRecognised() {
        assertTrue(AtomicFiles.isTemporary(Path.of("/d/.VR-0001.json.3k2j.tmp")));
        assertFalse(AtomicFiles.isTemporary(Path.of("/d/VR-0001.json")));
        assertFalse(AtomicFiles.isTemporary(Path.of("/d/.hidden")));
    }

    @Test
    void onTheRealFileSystemASaveReplacesTheFileAndLeavesNothingElse(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub").resolve("x.json");
        AtomicFiles files = new AtomicFiles(new NioFileOps());
        files.write(file, OLD);
        files.write(file, NEW);
        assertArrayEquals(NEW, Files.readAllBytes(file));
        try (Stream<Path> s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void onTheRealFileSystemAFailedWriteLeavesThePreviousFileAndNoTemporary(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.json");
        Files.write(file, OLD);
        AtomicFiles files = new AtomicFiles(new ForwardingOps(new NioFileOps()) {
            @Override
            public void moveAtomically(Path source, Path target) throws IOException {
                throw new IOException("disk full");
            }
        });
        assertThrows(IOException.class, () -> files.write(file, NEW));
        assertArrayEquals(OLD, Files.readAllBytes(file));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(file), s.toList());
        }
    }

    @Test
    void leftoverTemporaryFilesAreRemoved(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve(".x.json.abc.tmp"), NEW);
        Files.write(dir.resolve("x.json"), OLD);
        assertEquals(1, new AtomicFiles(new NioFileOps()).removeLeftovers(dir));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("x.json")), s.toList());
        }
    }

    @Test
    void fileNamesRoundTripAnySerial() {
        for (String id : new String[] {"VR-0001", "a/b", "..", "%41", "x y", "A_b-9", "~!@#$^&*()"}) {
            String name = FileNames.encode(id);
            assertTrue(name.matches("[A-Za-z0-9_%-]+"), name);
            assertEquals(id, FileNames.decode(name));
        }
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a%4"));
        assertThrows(IllegalArgumentException.class, () -> FileNames.decode("a.b"));
    }

    /** Forwards every step to another {@link FileOps}. */
    static class ForwardingOps implements FileOps {
        private final FileOps to;

        ForwardingOps(FileOps to) {
            this.to = to;
        }

        @Override
        public void createAndWrite(Path file, byte[] bytes) throws IOException {
            to.createAndWrite(file, bytes);
        }

        @Override
        public void force(Path file) throws IOException {
            to.force(file);
        }

        @Override
        public void moveAtomically(Path source, Path target) throws IOException {
            to.moveAtomically(source, target);
        }

        @Override
        public boolean forceDirectory(Path dir) throws IOException {
            return to.forceDirectory(dir);
        }

        @Override
        public void deleteIfExists(Path file) throws IOException {
            to.deleteIfExists(file);
        }

        @Override
        public byte[] read(Path file) throws IOException {
            return to.read(file);
        }

        @Override
        public boolean exists(Path file) throws IOException {
            return to.exists(file);
        }

        @Override
        public List<Path> list(Path dir) throws IOException {
            return to.list(dir);
        }

        @Override
        public void createDirectories(Path dir) throws IOException {
            to.createDirectories(dir);
        }
    }
}
