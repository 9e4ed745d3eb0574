package com.lianarig.controller.core;

import com.lianarig.controller.safety.StorageHealth;

/**
 * Where the controller writes every trip, fault, reset, command decision, state change and
 * calibration use (SPEC section 4): the durable journal in service, a list in tests. Must not block
 * (called from the control thread and, for trips, from node threads).
 */
@FunctionalInterface
public interface EventLog {

    /**
     * Records one event.
     *
     * @param kind short id: "fault", "stop", "warning", "command", "state", "calibration-use", "alarm", ...
     * @param body the event's fields as compact JSON
     */
    void record(String kind, String body);

    /**
     * SR-26: the health of the storage the records go to, which the safety core watches; by default none
     * (records kept in memory, as in tests: durable at once). The service's journal says.
     */
    default StorageHealth storage() {
        return StorageHealth.NONE;
    }
}
