package com.lianarig.tools.mqtt;

import java.util.Map;

/**
 * A latched fault in words a trainer reads at a glance, for the terminal tools (the web panel has the
 * same words in words.js): what happened, then the rig's own cause and who may reset it. Never an
 * internal name: SR ids stay, as the spec's vocabulary, behind the words.
 */
public final class FaultWords {
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("SR-1", "rope overloaded"),
            Map.entry("SR-2", "too much weight on the rig"),
            Map.entry("SR-3", "lowering too fast"),
            Map.entry("SR-4", "motion too harsh"),
            Map.entry("SR-5", "loading too fast"),
            Map.entry("SR-6", "a rope went slack: foot slipping?"),
            Map.entry("SR-7", "ropes uneven"),
            Map.entry("SR-8", "load sensor fault"),
            Map.entry("SR-9", "lost contact with the winches"),
            Map.entry("SR-10", "enable let go"),
            Map.entry("SR-11", "emergency stop"),
            Map.entry("SR-12", "end of travel"),
            Map.entry("SR-13", "winch did not follow, or straps drifted apart"),
            Map.entry("SR-14", "brake slipping"),
            Map.entry("SR-17", "load sensor not calibrated"),
            Map.entry("SR-18", "pre-use check not done"),
            Map.entry("SR-19", "rescue descent did not lower"),
            Map.entry("SR-20", "head leaving the mat"),
            Map.entry("SR-21", "too long upside down"),
            Map.entry("SR-22", "controller too slow"),
            Map.entry("SR-23", "winch position unknown"),
            Map.entry("SR-24", "command lapsed"),
            Map.entry("SR-25", "loads do not fit the client"),
            Map.entry("SR-26", "cannot record: storage problem"));

    private FaultWords() {
    }

    /** What happened, e.g. "rope overloaded" for SR-1. */
    public static String title(String rule) {
        String t = rule == null ? null : TITLES.get(rule);
        return t == null ? "the rig stopped" : t;
    }

    /** Who may reset it, in words. */
    public static String resetBy(String resetBy) {
        if ("technician".equals(resetBy)) {
            return "a technician must reset";
        }
        return "trainer".equals(resetBy) ? "trainer may reset" : "ask a technician";
    }

    /**
     * One line, what matters first (a narrow screen cuts the end): "rope overloaded (SR-1), trainer may
     * reset: rope left-leg 152.3 kg > 150 kg".
     */
    public static String line(StateMessage.Fault fault) {
        return title(fault.rule()) + " (" + (fault.rule() == null ? "?" : fault.rule()) + "), " + resetBy(fault.resetBy())
                + (fault.cause() == null ? "" : ": " + fault.cause());
    }
}
