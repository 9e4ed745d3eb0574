package com.lianarig.tools.service;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.core.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's event log: every event to the "journal" logger (and the durable journal when it is wired). */
final class ServiceJournal {
    private static final Logger log = LoggerFactory.getLogger("journal");

    private ServiceJournal() {
    }

    static EventLog open(RigConfig rig) {
        return (kind, body) -> log.info("{} {}", kind, body);
    }
}
