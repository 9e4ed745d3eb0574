package com.lianarig.controller.safety;

import static com.lianarig.controller.RigHarness.TECHNICIAN;
import static com.lianarig.controller.RigHarness.TRAINER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.controller.RigHarness;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Refusal;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.DateTrust;
import com.lianarig.controller.core.PreUseChecks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SR-18: READY is refused until today's pre-use check passed or a technician waived it; "today" from a
 * trusted date (otherwise the check is due at every service start); a damaged record counts as no check
 * (issue 14: a record holding garbage but dated today let the rig go READY; the Pi's clock without a
 * battery let yesterday's check count as today's).
 */
class Sr18PreUseCheckTest {
    @TempDir
    Path dir;

    @Test
    void readyNeedsTodaysCheckAndOnlyATechnicianMayWaiveIt() throws Exception {
        try (RigHarness h = RigHarness.standard(18, dir)) {
            h.boot();
            h.preUse.record(LocalDate.now(RigHarness.WALL).minusDays(1), "test", "passed");
            h.profiles.save(RigHarness.profile("c18", 70, 1750));
            h.must(TRAINER, new Command.TakeControl());
            h.must(TRAINER, new Command.Attach("c18"));
            Decision d = h.decide(TRAINER, new Command.ClientReady());
            assertFalse(d.accepted(), "yesterday's check does not count: " + d);
            assertEquals(Refusal.PRE_USE_CHECK_MISSING, d.refusal());
            assertTrue(d.detail().contains("SR-18"), d.detail());
            Decision w = h.decide(TRAINER, new Command.PreUseCheckWaive("in a hurry"));
            assertEquals(Refusal.TECHNICIAN_ONLY, w.refusal(), w.toString());
            assertFalse(h.decide(TRAINER, new Command.ClientReady()).accepted(), "a trainer's waiver counted");
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.PreUseCheckWaive("brake tester out for repair"));
            assertTrue(h.journalHas("\"result\":\"waived\"") && h.journalHas("tech-laptop"), "waiver journalled with who");
            h.must(TECHNICIAN, new Command.ClientReady());
            assertEquals(Mode.READY, h.mode());
        }
    }

    private static final DateTrust NOT_SYNCHRONISED = () -> "the clock is not synchronised (timedatectl:"
            + " NTPSynchronized=no) and there is no real-time clock";
    private static final LocalDate TODAY = LocalDate.now(RigHarness.WALL);

    /** The harness booted, a client attached by the trainer; the pre-use record left as the test wrote it. */
    private static RigHarness attached(RigHarness h) throws Exception {
        h.boot();
        h.profiles.save(RigHarness.profile("c18", 70, 1750));
        h.must(TRAINER, new Command.TakeControl());
        h.must(TRAINER, new Command.Attach("c18"));
        return h;
    }

    /** A record written by an earlier run of the service (another instance over the same file). */
    private static void earlierRun(RigHarness h, DateTrust trust) throws Exception {
        new PreUseChecks(h.dataDir.resolve("pre-use-check.txt"), trust, System::nanoTime).record(TODAY, "tech-laptop",
                "brakes held; zeros within tolerance; safety chain tripped and recovered");
    }

    private static Decision refusedReady(RigHarness h, String... naming) {
        Decision d = h.decide(TRAINER, new Command.ClientReady());
        assertEquals(Refusal.PRE_USE_CHECK_MISSING, d.refusal(), d.toString());
        for (String n : naming) {
            assertTrue(d.detail().contains(n), d.detail());
        }
        assertEquals(Mode.ATTACHING, h.mode());
        return d;
    }

    @Test
    void aRecordHoldingGarbageButDatedTodayCountsAsNoCheck() throws Exception {
        try (RigHarness h = RigHarness.standard(181, dir)) {
            Path file = h.dataDir.resolve("pre-use-check.txt");
            Files.createDirectories(file.getParent());
            Files.write(file, (TODAY + "\t\u0000\u0001 garbage \u00ff\u00fe").getBytes(StandardCharsets.ISO_8859_1));
            attached(h);
            refusedReady(h, "counts as no check", "SR-18");
            // a valid record with one flipped byte (the date itself made plausible): the checksum says so
            earlierRun(h, DateTrust.TRUSTED);
            byte[] ok = Files.readAllBytes(file);
            String text = new String(ok, StandardCharsets.UTF_8);
            Files.writeString(file, text.replace("held", "hold"));
            refusedReady(h, "checksum does not match");
            Files.write(file, ok);
            h.must(TRAINER, new Command.ClientReady());
        }
    }

    @Test
    void withoutATrustedDateTheCheckIsDueAtEveryServiceStart() throws Exception {
        try (RigHarness h = RigHarness.standard(182, dir)) {
            earlierRun(h, DateTrust.TRUSTED); // a check recorded "today" by an earlier run
            h.preUse.useDateTrust(NOT_SYNCHRONISED); // this start: a Pi whose clock may still say yesterday
            attached(h);
            refusedReady(h, "due at every service start", "not synchronised", "cannot count", "SR-18");
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.PreUseCheckWaive("brake tester out for repair"));
            h.must(TECHNICIAN, new Command.ClientReady()); // this run's waiver counts for this run
            assertEquals(Mode.READY, h.mode());
        }
    }

    @Test
    void aRecordWrittenWhileTheDateWasNotTrustedNeverCountsLater() throws Exception {
        try (RigHarness h = RigHarness.standard(183, dir)) {
            earlierRun(h, NOT_SYNCHRONISED); // dated "today" by a clock nobody vouched for
            attached(h); // this run's clock is synchronised
            refusedReady(h, "written while the date was not trusted");
            earlierRun(h, DateTrust.TRUSTED);
            h.must(TRAINER, new Command.ClientReady());
        }
    }

    @Test
    void aWaiverCountsOnceForThatDay() throws Exception {
        try (RigHarness h = RigHarness.standard(184, dir)) {
            attached(h);
            h.must(TRAINER, new Command.ReleaseControl());
            h.must(TECHNICIAN, new Command.TakeControl());
            h.must(TECHNICIAN, new Command.PreUseCheckWaive("brake tester out for repair"));
            Decision again = h.decide(TECHNICIAN, new Command.PreUseCheckWaive("still out"));
            assertFalse(again.accepted(), again.toString());
            assertTrue(again.detail().contains("already waived once"), again.detail());
            h.must(TECHNICIAN, new Command.ClientReady());
        }
    }
}
