package com.lianarig.controller.safety;

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
    HOLD
}
