package com.lianarig.config.profile;

import com.lianarig.config.Identified;

/**
 * Anthropometric landmarks whose standing height above the floor can be measured (ANSUR II names):
 * when present they replace the estimates from stature.
 */
public enum Landmark implements Identified {
    /** The C7 spinous process (the base of the neck). */
    CERVICALE("cervicale"),
    /** The top of the iliac crest (about the L4-L5 level). */
    ILIOCRISTALE("iliocristale"),
    /** The top of the greater trochanter (the hip). */
    TROCHANTERION("trochanterion");

    private final String id;

    Landmark(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
