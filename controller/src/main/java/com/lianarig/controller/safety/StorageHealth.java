package com.lianarig.controller.safety;

/**
 * SR-26: what the safety core needs to know of the journal and the storage under it. The service's
 * journal answers (docs/journal.md, "Storage health"); a test's list of events is {@link #NONE}.
 * Implementations answer from any thread at once, without a lock held for long, I/O or allocation:
 * the control thread asks every tick.
 */
public interface StorageHealth {

    /** Why records cannot be made durable now (in words, naming the cause), or null when they can. */
    String problem();

    /**
     * How many storage problems have begun so far: one that came and went between two looks (a failed
     * write retried at once, a burst of dropped records) still counts.
     */
    long incidents();

    /** The words of the latest problem to begin, or null before the first. */
    String lastIncident();

    /** The highest record number handed out so far. */
    long appendedSeq();

    /** The highest record number durable on storage: every record up to it is. */
    long durableSeq();

    /**
     * Whether every record is durable by the time it is recorded, so nothing need be waited for (a
     * test's list of events). The service's journal is not.
     */
    default boolean synchronous() {
        return false;
    }

    /** No storage to watch: events recorded in memory (tests), durable as soon as they are recorded. */
    StorageHealth NONE = new StorageHealth() {
        @Override
        public String problem() {
            return null;
        }

        @Override
        public long incidents() {
            return 0;
        }

        @Override
        public String lastIncident() {
            return null;
        }

        @Override
        public long appendedSeq() {
            return 0;
        }

        @Override
        public long durableSeq() {
            return 0;
        }

        @Override
        public boolean synchronous() {
            return true;
        }
    };
}
