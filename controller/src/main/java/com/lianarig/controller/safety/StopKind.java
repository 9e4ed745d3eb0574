package com.lianarig.controller.safety;

/** What a protection does to motion (SPEC section 4: categories as in IEC 60204-1). */
public enum StopKind {
    /** Remove drive power and drop the brakes at once. */
    CAT_0("category 0 stop"),
    /** Controlled deceleration, then brakes. */
    CAT_1("category 1 stop"),
    /** Upward motion stopped (category 1); descent stays allowed. */
    ASCENT_STOP("ascent stopped"),
    /** No stop: the drive holds position (SR-14) or an alarm only. */
    HOLD("drive holds");

    private final String words;

    StopKind(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
