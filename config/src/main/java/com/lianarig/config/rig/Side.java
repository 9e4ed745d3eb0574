package com.lianarig.config.rig;

import com.lianarig.config.Identified;

/** The client's side a rope is on. */
public enum Side implements Identified {
    LEFT("left"),
    RIGHT("right");

    private final String id;

    Side(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
