package com.lianarig.controller.core;

/** The states the trainer sees (SPEC section 4). */
public enum Mode {
    /** Connecting to the nodes and reading positions; nothing moves (SR-15). */
    STARTING,
    /** Brakes applied, no client strapped in. */
    HOLDING,
    /** Strapping a client in or out: jog only, at low speed. */
    ATTACHING,
    /** Client strapped in and every check passed: moves may be asked. */
    READY,
    /** A move, aim or jog is running. */
    MOVING,
    /** A session program is running or paused. */
    PROGRAM,
    /** A latched fault: its causes and who may reset them are in the status. */
    FAULT,
    /** The safety chain is tripped. */
    ESTOP
}
