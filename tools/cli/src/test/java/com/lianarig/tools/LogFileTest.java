package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service's log file is per user (or where RIG_LOG_FILE says), never in the working directory. */
class LogFileTest {
    @Test
    void perUserStateDirectoryByDefault() {
        assertEquals(Path.of("/home/ann/.local/state/liana-rig/log/rig.log"), LogFile.of(Map.of(), "/home/ann", "/tmp"));
    }

    @Test
    void xdgStateHomeWhenSet() {
        assertEquals(Path.of("/srv/state/liana-rig/log/rig.log"),
                LogFile.of(Map.of("XDG_STATE_HOME", "/srv/state"), "/home/ann", "/tmp"));
    }

    @Test
    void aRelativeXdgStateHomeIsIgnoredAsTheSpecificationSays() {
        assertEquals(Path.of("/home/ann/.local/state/liana-rig/log/rig.log"),
                LogFile.of(Map.of("XDG_STATE_HOME", "state"), "/home/ann", "/tmp"));
    }

    @Test
    void rigLogFileWins() {
        assertEquals(Path.of("/var/tmp/x.log"), LogFile.of(Map.of("RIG_LOG_FILE", "/var/tmp/x.log",
                "XDG_STATE_HOME", "/srv/state"), "/home/ann", "/tmp"));
    }

    @Test
    void withoutAHomeTheTemporaryDirectory() {
        assertEquals(Path.of("/tmp/liana-rig/log/rig.log"), LogFile.of(Map.of(), "?", "/tmp"));
    }
}
