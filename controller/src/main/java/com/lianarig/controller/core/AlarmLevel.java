package com.lianarig.controller.core;

/**
 * Where SR-21's alarm stands (client inverted too long), and what the rig and the panels do about it.
 * The trainer decides: no level moves anything.
 */
public enum AlarmLevel {
    /** Raised and not yet acknowledged: intermittent tone at the rig, sound and vibration on every panel. */
    ALARM("intermittent", true),
    /** Unacknowledged for the escalation time ("client alone inverted"): continuous tone, every panel. */
    ESCALATED("continuous", true),
    /** A person attends (someone acknowledged it): silent; it sounds again after another alarm time inverted. */
    ACKNOWLEDGED("none", false);

    private final String sound;
    private final boolean vibrate;

    AlarmLevel(String sound, boolean vibrate) {
        this.sound = sound;
        this.vibrate = vibrate;
    }

    /** What panels sound: {@code intermittent}, {@code continuous} or {@code none} (docs/mqtt.md). */
    public String sound() {
        return sound;
    }

    /** Whether panels vibrate. */
    public boolean vibrate() {
        return vibrate;
    }

    /** Whether the alarm calls for a person: it sounds. */
    public boolean sounding() {
        return this != ACKNOWLEDGED;
    }
}
