package com.lianarig.controller.core;

/** What a group's motion is for. */
enum Purpose {
    /** A panel's move to a height. */
    MOVE,
    /** Aiming at a segment, and its refinement. */
    AIM,
    /** Hold-to-run jog. */
    JOG,
    /** SR-19's hold-to-run rescue descent. */
    RESCUE,
    /** A session program's step. */
    PROGRAM;

    /** Hold-to-run: runs while held, toward the end of travel. */
    boolean holdToRun() {
        return this == JOG || this == RESCUE;
    }
}
