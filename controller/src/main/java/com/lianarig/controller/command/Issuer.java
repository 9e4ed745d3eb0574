package com.lianarig.controller.command;

import com.lianarig.config.rig.PanelRole;
import java.util.Objects;

/**
 * Who asks: a configured panel (MQTT handheld), the wired pendant, or a test, with its role.
 *
 * @param panelId the panel's id from the rig file ({@link #PENDANT_ID} for the wired pendant)
 * @param role trainer or technician
 */
public record Issuer(String panelId, PanelRole role) {
    /** The wired pendant's panel id. */
    public static final String PENDANT_ID = "pendant";

    public Issuer {
        Objects.requireNonNull(panelId, "panelId");
        Objects.requireNonNull(role, "role");
    }

    public boolean technician() {
        return role == PanelRole.TECHNICIAN;
    }

    public static Issuer pendant() {
        return new Issuer(PENDANT_ID, PanelRole.TRAINER);
    }
}
