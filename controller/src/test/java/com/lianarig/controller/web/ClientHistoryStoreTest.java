package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.store.NioFileOps;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web panel's session history read from the histories the rig keeps with the profiles (SPEC section 5). */
class ClientHistoryStoreTest {
    @TempDir
    Path profiles;

    @Test
    void theClientsLatestSessionsNewestFirstWithAimsHoldsStopsAndNotes() throws Exception {
        SessionHistoryStore store = new SessionHistoryStore(profiles, new NioFileOps());
        Instant first = Instant.parse("2026-11-24T09:00:00Z");
        store.save(SessionRecord.open("c-1", 1, first)
                .withAim(new SessionRecord.Aim(5, Exercise.INVERTED_HANG, SpineSegment.L4_L5, 1040))
                .withHold(new SessionRecord.Hold(20, SpineSegment.L4_L5, 2, 3, 30, 28.5, 1038))
                .withStop(new SessionRecord.Stop(60, "STOP from trainer-tablet"))
                .withNote(new SessionRecord.Note(61, first.plusSeconds(61), "trainer-tablet", "pain at L5")));
        store.save(SessionRecord.open("c-1", 2, first.plusSeconds(86_400)));
        store.save(SessionRecord.open("someone-else", 1, first));

        List<ClientHistory.Session> sessions = ClientHistory.of(store).sessions("c-1").orElseThrow();
        assertEquals(2, sessions.size(), sessions.toString());
        assertEquals(first.plusSeconds(86_400).toEpochMilli(), sessions.get(0).startedAtMs(), "newest first");
        ClientHistory.Session older = sessions.get(1);
        assertEquals("inverted-hang", older.exercise());
        assertEquals(List.of("L4-L5"), older.segments());
        assertEquals(List.of(1040.0), older.heightsMm());
        assertEquals(List.of(28.5), older.holdsS());
        assertEquals(2, older.repetitions());
        assertEquals(List.of("STOP from trainer-tablet"), older.stops());
        assertEquals("pain at L5", older.note());
        assertTrue(ClientHistory.of(store).sessions("nobody").orElseThrow().isEmpty(), "no sessions, no history");
    }
}
