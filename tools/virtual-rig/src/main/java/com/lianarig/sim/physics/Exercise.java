package com.lianarig.sim.physics;

/** How the virtual client uses the rig. */
public enum Exercise {
    /** Not on the rig: the ropes carry their straps only. */
    NONE,
    /** Head down in the leg straps; the mat carries what does not hang (SPEC section 5). */
    INVERTED_HANG,
    /** Standing on the mat, hanging from the finger loops. */
    UPRIGHT_HANG
}
