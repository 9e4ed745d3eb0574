package com.lianarig.controller.safety;

import com.lianarig.config.rig.Limits;

/** Why a group is released, which sets the speed caps the supervisor enforces on its set-points. */
public enum MotionKind {
    /** Moves, jogs and program steps of a ready rig: SR-3/SR-4 caps. */
    NORMAL,
    /** Strapping in or out (ATTACHING): jog only, at the attach speed. */
    ATTACH,
    /** SR-19 rescue descent: the pair down only, at the rescue speed, in FAULT or after a node reset. */
    RESCUE,
    /** SR-19: a winch whose position is not referenced jogs at the unreferenced speed only. */
    UNREFERENCED,
    /** SR-14: the drive holds a slipping winch at its position; no motion. */
    HOLD;

    /** The upward speed cap of this kind of motion, mm/s (SR-4, SR-19; 0: no ascent). */
    public double ascentCapMmPerS(Limits l) {
        return switch (this) {
            case NORMAL -> l.ascentMmPerS();
            case ATTACH -> Math.min(l.attachJogMmPerS(), l.ascentMmPerS());
            case UNREFERENCED -> l.unreferencedJogMmPerS();
            case RESCUE, HOLD -> 0;
        };
    }

    /** The downward speed cap of this kind of motion, mm/s (SR-3, SR-19; 0: no descent). */
    public double descentCapMmPerS(Limits l) {
        return switch (this) {
            case NORMAL -> l.descentMmPerS();
            case ATTACH -> Math.min(l.attachJogMmPerS(), l.descentMmPerS());
            case UNREFERENCED -> l.unreferencedJogMmPerS();
            case RESCUE -> l.rescueSpeedMmPerS();
            case HOLD -> 0;
        };
    }
}
