package com.lianarig.controller.web;

import com.lianarig.config.rig.PanelRole;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A phone or tablet a technician paired (SPEC section 6a): a panel with its own id, role and
 * credentials, kept in the data directory with its secret hashed.
 *
 * @param id its panel id ({@value #ID_PREFIX} and six letters or digits): its command topic is {@code cmd/<id>}
 *     and its MQTT user name
 * @param name what the technician called the device, for the list of paired devices
 * @param role trainer or technician
 * @param secretHash the secret's {@link PasswordHash} (Mosquitto's {@code $7$} form)
 * @param pairedAtMs when it was paired, wall clock, ms since the epoch
 * @param pairedBy who made the code it was paired with (a technician panel's id, or {@code rig panel-pair})
 */
public record PairedPanel(String id, String name, PanelRole role, String secretHash, long pairedAtMs, String pairedBy) {
    public static final String ID_PREFIX = "web-";
    static final Pattern ID = Pattern.compile("web-[a-z0-9]{6}");

    public PairedPanel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pairedBy, "pairedBy");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("paired panel id \"" + id + "\" is not web- and six letters or digits");
        }
        String why = DeviceNames.problem(name);
        if (why != null) {
            throw new IllegalArgumentException("device name " + why);
        }
        if (!PasswordHash.wellFormed(secretHash)) {
            throw new IllegalArgumentException("the secret hash of " + id + " is not a $7$ hash");
        }
    }
}
