package com.lianarig.config.rig;

import com.lianarig.config.Identified;

/** Whether the service hosts the MQTT broker itself (single-rig studios, the demo) or uses the studio's. */
public enum BrokerMode implements Identified {
    EMBEDDED("embedded"),
    EXTERNAL("external");

    private final String id;

    BrokerMode(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
