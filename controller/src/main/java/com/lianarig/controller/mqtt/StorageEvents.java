package com.lianarig.controller.mqtt;

import com.lianarig.controller.journal.Journal;

/**
 * SR-26: tells studio systems, from memory, when the journal cannot take records (a full or read-only
 * disk, a failed or stalled write, a full queue) and when it can again. The journal is the outbox of
 * every other event, and a journal in trouble cannot publish its own trouble: these events carry no
 * journal seq ({@code "seq":null,"fromMemory":true}, kind {@value #KIND}) and are never journalled by this
 * class. A problem that came and went between two looks is told too (the journal counts incidents).
 * An event the broker did not take is tried again at the next look. Owner: the MQTT publisher thread.
 */
final class StorageEvents {
    /** The kind of the events this class publishes. */
    static final String KIND = "journal.storage";

    private final Journal journal;
    private long toldIncidents;
    /** The problem last told, or null when "healthy" was (or nothing has been). */
    private String told;
    /** What the event {@link #next} returned says, until the broker takes it. */
    private long pendingIncidents;
    private String pendingProblem;

    StorageEvents(Journal journal) {
        this.journal = journal;
        this.toldIncidents = journal.storageIncidents();
    }

    /**
     * The event to publish now, or null when nothing changed since the last one told. Call
     * {@link #told} once the broker took it.
     */
    String next(JsonOut j, long session, long wallMs, boolean synchronised) {
        String problem = journal.storageProblem();
        long incidents = journal.storageIncidents();
        if (incidents == toldIncidents && java.util.Objects.equals(problem, told)) {
            return null;
        }
        String say = problem;
        boolean passed = false;
        if (problem == null && incidents != toldIncidents && told == null) {
            say = journal.lastStorageIncident(); // began and ended between two looks
            passed = true;
        }
        j.reset().open().field("session", session).nullField("seq").field("recordSession", session)
                .field("wallMs", wallMs).wallTime(wallMs, synchronised).field("kind", KIND).field("fromMemory", true).openObject("body");
        j.field("healthy", problem == null).field("problem", say);
        if (passed) {
            j.field("passed", true);
        }
        j.field("incidents", incidents).field("appendedSeq", journal.appendedSeq())
                .field("durableSeq", journal.durableSeq()).close();
        pendingIncidents = incidents;
        pendingProblem = problem;
        return j.close().toString();
    }

    /** The event {@link #next} returned was taken by the broker. */
    void told() {
        toldIncidents = pendingIncidents;
        told = pendingProblem;
    }
}
