package com.lianarig.tools.panel;

/** A hold-to-run action: lasts while its key is held, with the enable refreshed (SR-10). */
public enum Hold {
    /** Jog the leg pair up. */
    JOG_UP("jog up"),
    /** Jog the leg pair down. */
    JOG_DOWN("jog down"),
    /** The enable alone: for a move-to, a program's motion steps, the pre-use check. */
    ENABLE("enable"),
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
