package com.lianarig.sim.physics;

/**
 * The SPEC section 5 segment ids, top to bottom, with each one's place on the standing body as a
 * count of vertebral levels below the C7-T1 disc (thoracic levels 1 unit each, lumbar levels
 * {@link BodyModel#LUMBAR_LEVEL_UNITS} units: lumbar vertebrae are taller).
 */
public enum SpineSegment {
    C7_T1("C7-T1", 0),
    T4("T4", 3.5),
    T8("T8", 7.5),
    T12_L1("T12-L1", 12),
    L3("L3", 14.5),
    L4_L5("L4-L5", 16),
    L5_S1("L5-S1", 17);

    private final String id;
    private final double levelsBelowC7;

    SpineSegment(String id, double levelsBelowC7) {
        this.id = id;
        this.levelsBelowC7 = levelsBelowC7;
    }

    /** The id as SPEC section 5 spells it. */
    public String id() {
        return id;
    }

    /** Vertebral levels below the C7-T1 disc (T1 is 0..1, L1 is 12..13). */
    double levelsBelowC7() {
        return levelsBelowC7;
    }
}
