package com.lianarig.controller.command;

/** Why a command was refused (SR-16: every refusal has a specific reason). */
public enum Refusal {
    /** The issuer is not the panel in command. */
    NOT_IN_COMMAND,
    /** Another panel is in command: it must release control first. */
    CONTROL_HELD,
    /** Only a technician's panel may ask this. */
    TECHNICIAN_ONLY,
    /** Not possible in the rig's current state (the detail names the state). */
    WRONG_STATE,
    /** A latched fault forbids it (the detail names the fault). */
    FAULT,
    /** The safety chain is tripped (SR-11). */
    ESTOP,
    /** No client is set (SR-2: no READY without a client mass). */
    NO_CLIENT,
    /** No such client profile, or it could not be read. */
    UNKNOWN_CLIENT,
    /** A channel lacks a valid calibration (SR-17; the detail names it). */
    CALIBRATION_MISSING,
    /** Today's pre-use check is not done (SR-18). */
    PRE_USE_CHECK_MISSING,
    /**
     * The measured strap loads do not fit the client's profile (SR-25: the wrong profile, its mass, or a
     * load cell's scale; the detail gives the figures).
     */
    LOADS_IMPLAUSIBLE,
    /** The target is outside the limits (SR-12, SR-20; the detail says which). */
    OUT_OF_LIMITS,
    /** Motion needs a live enable from the panel in command (SR-10). */
    NO_ENABLE,
    /** Upward motion is blocked (SR-1, SR-7, a limit switch). */
    ASCENT_BLOCKED,
    /** The winches' positions are not referenced (SR-19). */
    NOT_REFERENCED,
    /** A fault's cause is still present, or a role is missing, so it stays latched. */
    CAUSE_PRESENT,
    /** No such group, preset or segment on this rig. */
    UNKNOWN_TARGET,
    /** The drives refused (the detail says why). */
    DRIVES_REFUSED,
    /** The command's fields are invalid (an unknown, missing or ill-typed field; a value out of its range). */
    INVALID,
    /** Transport (MQTT): not a JSON object, or too big to be a command. */
    MALFORMED,
    /** Transport (MQTT): the command names an earlier session of the controller (SPEC section 6). */
    STALE_SESSION,
    /** Transport (MQTT): the panel's counter is not above the last one it sent this session (a replay). */
    DUPLICATE,
    /** Transport (MQTT): an enable based on a controller clock reading older than 250 ms on arrival (SR-10). */
    STALE_ENABLE,
    /**
     * Transport (MQTT): the panel's counter jumps more than a million above its last one (or starts above
     * 2^52): refused so that one forged counter cannot lock the panel out (issue 20).
     */
    COUNTER_JUMP,
    /** Transport (MQTT): the panel sends more commands than the rig takes from one panel (R-10: a flood). */
    RATE_LIMITED
}
