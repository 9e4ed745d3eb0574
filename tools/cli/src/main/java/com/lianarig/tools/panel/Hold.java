package com.lianarig.tools.panel;

/**
 * A hold-to-run action: lasts while its key is held, with the enable refreshed (SR-10). The motion
 * commands (aim, move-to, program start) go out at the start of a hold, after the enable, because the
 * rig refuses motion asked without a live enable and never starts it later by itself.
 */
public enum Hold {
    /** Jog the leg pair up. */
    JOG_UP("jog up"),
    /** Jog the leg pair down. */
    JOG_DOWN("jog down"),
    /** The enable alone (with an armed move-to, that move): a program's motion steps, the pre-use check. */
    ENABLE("enable"),
    /** Aim at the chosen segment and move there while held. */
    AIM("aim"),
    /** Start a program at the chosen segment and run it while held. */
    PROGRAM("program"),
    /** Rescue descent of the pair at the rescue speed (SR-19). */
    RESCUE("rescue descent");

    private final String words;

    Hold(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
