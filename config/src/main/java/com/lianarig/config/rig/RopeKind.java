package com.lianarig.config.rig;

import com.lianarig.config.Identified;

/** What a rope ends in. */
public enum RopeKind implements Identified {
    LEG_STRAP("leg-strap"),
    FINGER_LOOP("finger-loop");

    private final String id;

    RopeKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
