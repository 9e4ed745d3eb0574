package com.lianarig.tools.doctor;

import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.tools.journal.CalibrationAges;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Every rope's load channel calibrated (SR-17) and how old it is; today's pre-use check (SR-18). */
final class CalibrationChecks {
    /** The service's record of the last pre-use check, under the data directory. */
    static final String PRE_USE_FILE = "pre-use-check.txt";

    private CalibrationChecks() {
    }

    /** One result per rope. */
    static List<CheckResult> calibrations(RigConfig rig, Path rigFile, Clock clock, Duration maxAge) {
        List<CheckResult> out = new ArrayList<>();
        for (CalibrationAges.Entry e : CalibrationAges.of(rig, clock.instant())) {
            String name = "calibration " + e.rope();
            String calibrate = "rig calibrate --config " + rigFile + " --rope " + e.rope() + " --technician \"NAME\""
                    + " --masses 10,20,50 --verify-mass 30 (the port must be free: " + Fixes.STOP_SERVICE
                    + " first; see docs/calibration.md)";
            if (e.current().isEmpty()) {
                out.add(CheckResult.fail(name, e.channel() + ": " + e.missingReason() + " (SR-17: no client may hang"
                        + " on it)", "calibrate it: " + calibrate));
                continue;
            }
            long days = e.age().orElseThrow().toDays();
            String found = e.channel() + ": calibrated " + e.current().get().at() + " by " + e.current().get().technician()
                    + ", " + days + " days ago";
            if (e.age().get().compareTo(maxAge) > 0) {
                out.add(CheckResult.warn(name, found + " (older than " + maxAge.toDays() + " days)", "calibrate it"
                        + " again: " + calibrate));
            } else {
                out.add(CheckResult.pass(name, found));
            }
        }
        return out;
    }

    /**
     * SR-18's record: valid (a damaged one counts as no check) and dated today. Doctor judges the record's
     * date by this machine's clock as it is; the service also requires a trusted date (docs/controller.md).
     */
    static CheckResult preUse(RigConfig rig, Clock clock) {
        String name = "pre-use check";
        String notDone = new PreUseChecks(rig.paths().dataDir().resolve(PRE_USE_FILE)).notDoneToday(clock);
        if (notDone == null) {
            return CheckResult.pass(name, "passed or waived today (" + LocalDate.now(clock) + ")");
        }
        return CheckResult.warn(name, notDone + ": READY is refused until it is done", "before the first client today,"
                + " start the pre-use check from the panel in command (command pre-use-check-start): each brake holds"
                + " under drive torque, every channel's zero, the safety chain seen to trip and recover; only a"
                + " technician may waive it, once a day");
    }
}
