package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The out-of-process busy load ends with the bench: a child exits when its input closes. */
class BusyLoadTest {

    @Test
    void aBusyChildRunsUntilItsInputClosesThenExits() throws Exception {
        List<Process> children = BusyLoad.startProcesses(1);
        Process child = children.get(0);
        try {
            assertTrue(!child.waitFor(300, TimeUnit.MILLISECONDS), "the child keeps running while its input is open");
            child.getOutputStream().close();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child ends once its input closes");
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }
}
