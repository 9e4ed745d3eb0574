package com.lianarig.config.rig;

import java.util.Objects;

/**
 * A panel the controller accepts commands from (its command topic is {@code cmd/<id>}).
 *
 * @param id the panel's id, safe in a topic
 * @param role trainer or technician
 */
public record PanelConfig(String id, PanelRole role) {
    public PanelConfig {
        RigIds.require("panel id", id);
        Objects.requireNonNull(role, "role");
    }
}
