package com.lianarig.config.rig;

import com.lianarig.config.Identified;

/** What a panel's user may do (SPEC section 1): technician actions only from technician panels. */
public enum PanelRole implements Identified {
    TRAINER("trainer"),
    TECHNICIAN("technician");

    private final String id;

    PanelRole(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
