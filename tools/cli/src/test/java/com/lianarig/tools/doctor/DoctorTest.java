package com.lianarig.tools.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The check runner: a check that hangs or throws is a FAIL with its fix, and doctor goes on. */
class DoctorTest {

    @Test
    void aCheckThatHangsIsAFailAfterItsTimeoutAndTheNextOneStillRuns() {
        StringWriter text = new StringWriter();
        Doctor d = new Doctor(new PrintWriter(text, true));
        CheckResult hung = d.run(Check.of("stuck", Duration.ofMillis(300), "unplug it", name -> {
            Thread.sleep(60_000);
            return CheckResult.pass(name, "never");
        }));
        CheckResult thrown = d.run(Check.of("broken", Duration.ofSeconds(5), "look at it", name -> {
            throw new IllegalStateException("no such device");
        }));
        CheckResult fine = d.run(Check.of("fine", Duration.ofSeconds(5), "-", name -> CheckResult.pass(name, "ok")));
        d.summary();
        assertEquals(Status.FAIL, hung.status());
        assertTrue(hung.found().startsWith("no answer within 0 s") || hung.found().startsWith("no answer within"), hung.found());
        assertEquals("unplug it", hung.fix());
        assertEquals(Status.FAIL, thrown.status());
        assertTrue(thrown.found().contains("no such device"), thrown.found());
        assertEquals(Status.PASS, fine.status());
        assertTrue(text.toString().contains("FAIL  stuck"), text.toString());
        assertTrue(text.toString().contains("      fix: unplug it"), text.toString());
        assertTrue(text.toString().contains("1 passed, 0 warnings, 2 failed"), text.toString());
    }
}
