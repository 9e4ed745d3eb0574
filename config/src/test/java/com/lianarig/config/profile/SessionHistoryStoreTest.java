package com.lianarig.config.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.config.store.SimulatedDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session history kept with the profiles (SPEC section 5): one file per session, saved atomically at
 * every change, read back exactly, a damaged file reported and skipped, open sessions closed after a
 * restart, deleted with the profile.
 */
class SessionHistoryStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Path DIR = Path.of("/var/lib/liana-rig/profiles");

    static SessionRecord session(String client, int number) {
        return SessionRecord.open(client, number, T0)
                .withAim(new SessionRecord.Aim(12.5, Exercise.INVERTED_HANG, SpineSegment.L4_L5, 1750.0))
                .withHold(new SessionRecord.Hold(30.0, SpineSegment.L4_L5, 1, 3, 3.0, 3.0, 1702.3))
                .withHold(new SessionRecord.Hold(41.0, SpineSegment.L4_L5, 2, 3, 5.0, 2.1, Double.NaN))
                .withStop(new SessionRecord.Stop(43.1, "STOP from trainer-tablet"))
                .withNote(new SessionRecord.Note(50.0, T0.plusSeconds(50), "trainer-tablet", "pain at L5, stopped"))
                .withInverted(95.5).withInverted(40.0).withAlarm(false).withAlarm(true);
    }

    @Test
    void aSessionRoundTripsThroughItsFile(@TempDir Path dir) throws IOException {
        SessionHistoryStore store = new SessionHistoryStore(dir, new NioFileOps());
        SessionRecord s = session("c-0042", 1);
        store.save(s);
        SessionHistoryStore.Loaded read = new SessionHistoryStore(dir, new NioFileOps()).sessions("c-0042");
        assertEquals(List.of(), read.problems());
        assertEquals(List.of(s), read.sessions());
        assertEquals(135.5, read.sessions().get(0).invertedS());
        assertEquals(95.5, read.sessions().get(0).longestInvertedS());
        assertEquals(1, read.sessions().get(0).alarms());
        assertEquals(1, read.sessions().get(0).escalations());
        assertTrue(Files.exists(dir.resolve("history/c-0042/session-000001.json")));
        String json = Files.readString(dir.resolve("history/c-0042/session-000001.json"));
        assertTrue(json.contains("\"text\":\"pain at L5, stopped\""), json);
        assertFalse(json.contains("\"strapHeightMm\":null"), "unknown strap height left out: " + json);
    }

    @Test
    void numbersFollowTheHighestOnRecordAndTheLatestAreOldestFirst(@TempDir Path dir) throws IOException {
        SessionHistoryStore store = new SessionHistoryStore(dir, new NioFileOps());
        assertEquals(1, store.nextNumber("c-1"));
        for (int n = 1; n <= 12; n++) {
            store.save(SessionRecord.open("c-1", n, T0.plusSeconds(86_400L * n)));
        }
        store.save(SessionRecord.open("c-2", 1, T0));
        assertEquals(13, store.nextNumber("c-1"));
        assertEquals(List.of("c-1", "c-2"), store.clients());
        assertEquals(List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
                store.latest("c-1", 10).stream().map(SessionRecord::number).toList());
    }

    @Test
    void aDamagedFileIsNamedAndSkippedAndTheOthersAreRead(@TempDir Path dir) throws IOException {
        SessionHistoryStore store = new SessionHistoryStore(dir, new NioFileOps());
        store.save(session("c-0042", 1));
        store.save(session("c-0042", 2));
        Path second = store.fileOf("c-0042", 2);
        byte[] bytes = Files.readAllBytes(second);
        Files.write(second, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.writeString(store.fileOf("c-0042", 3), "{\"formatVersion\":1,\"client\":\"c-0042\",\"number\":4}",
                StandardCharsets.UTF_8);
        SessionHistoryStore.Loaded read = store.sessions("c-0042");
        assertEquals(List.of(1), read.sessions().stream().map(SessionRecord::number).toList());
        assertEquals(2, read.problems().size(), read.problems().toString());
        assertTrue(read.problems().get(0).contains("session-000002.json"), read.problems().get(0));
        assertTrue(read.problems().get(1).contains("number") && read.problems().get(1).contains("(3)"),
                read.problems().get(1));
        assertTrue(Files.exists(second), "a damaged file is kept, never deleted");
        assertEquals(4, store.nextNumber("c-0042"), "a damaged file's number is not reused");
    }

    @Test
    void sessionsLeftOpenByAStopOrAPowerCutAreClosedAtTheirLastRecordedMoment(@TempDir Path dir) throws IOException {
        SessionHistoryStore store = new SessionHistoryStore(dir, new NioFileOps());
        store.save(session("c-0042", 1));
        store.save(session("c-0043", 1).ended(new SessionRecord.Ending(T0.plusSeconds(600), "detached")));
        assertEquals(1, store.closeOpenSessions("service ended while the session was open"));
        SessionRecord closed = store.sessions("c-0042").sessions().get(0);
        assertEquals(Optional.of(new SessionRecord.Ending(T0.plusSeconds(50), "service ended while the session was open")),
                closed.ended(), "its last entry was the note at 50 s");
        assertEquals("detached", store.sessions("c-0043").sessions().get(0).ended().orElseThrow().why());
        assertEquals(0, store.closeOpenSessions("again"));
    }

    @Test
    void deletingAProfileDeletesItsHistory(@TempDir Path dir) throws IOException {
        ProfileStore profiles = new ProfileStore(dir, new NioFileOps());
        SessionHistoryStore history = new SessionHistoryStore(dir, new NioFileOps());
        profiles.save(ClientProfile.of("c-0042", 1750, 70));
        history.save(session("c-0042", 1));
        history.save(session("c-0042", 2));
        history.save(session("c-0043", 1));
        assertTrue(profiles.delete("c-0042"));
        assertEquals(List.of(), history.sessions("c-0042").sessions());
        assertFalse(Files.exists(dir.resolve("history/c-0042")), "nothing left of the client");
        assertEquals(List.of("c-0043"), history.clients());
        assertEquals(List.of(), profiles.list(), "the history directory is not a profile");
    }

    @Test
    void aNoteIsOneLineOfAtMost200CharactersAndFullListsCountWhatTheyDrop() {
        assertThrows(IllegalArgumentException.class, () -> new SessionRecord.Note(1, T0, "p", "two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> new SessionRecord.Note(1, T0, "p", " "));
        assertThrows(IllegalArgumentException.class, () -> new SessionRecord.Note(1, T0, "p", "x".repeat(201)));
        SessionRecord s = SessionRecord.open("c-1", 1, T0);
        for (int i = 0; i < SessionRecord.MAX_NOTES + 3; i++) {
            s = s.withNote(new SessionRecord.Note(i, T0, "p", "note " + i));
        }
        assertEquals(SessionRecord.MAX_NOTES, s.notes().size());
        assertEquals(3, s.dropped());
    }

    static Stream<Integer> steps() {
        return IntStream.rangeClosed(1, 6).boxed();
    }

    /** a power cut at any step of saving a changed session leaves the session as it was or as it became. */
    @ParameterizedTest
    @MethodSource("steps")
    void aPowerCutAtAnyStepOfASaveLeavesTheSessionWhole(int step) throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        SessionHistoryStore store = new SessionHistoryStore(DIR, disk);
        SessionRecord before = session("c-0042", 1);
        store.save(before);
        SessionRecord after = before.withNote(new SessionRecord.Note(60, T0.plusSeconds(60), "trainer-tablet",
                "second note"));
        disk.failAtStep(step);
        try {
            store.save(after);
        } catch (SimulatedDisk.Crash expected) {
            // the process is gone
        }
        disk.powerCut();
        SessionHistoryStore.Loaded read = new SessionHistoryStore(DIR, disk).sessions("c-0042");
        assertEquals(List.of(), read.problems(), "step " + step);
        assertEquals(1, read.sessions().size(), "step " + step);
        SessionRecord found = read.sessions().get(0);
        assertTrue(found.equals(before) || found.equals(after), "step " + step + ": " + found);
    }
}
