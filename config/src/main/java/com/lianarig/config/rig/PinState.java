package com.lianarig.config.rig;

import com.lianarig.config.Identified;

/** A digital output's level. */
public enum PinState implements Identified {
    LOW("low"),
    HIGH("high");

    private final String id;

    PinState(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
