package com.lianarig.controller.mqtt;

import com.lianarig.controller.command.Issuer;
import java.util.Optional;

/**
 * Panels beyond the rig file's {@code panels}: the phones and tablets a technician paired (SPEC
 * section 6a). Their commands go through the same gate (session, counter, enable age) and the same
 * command model as every panel's. Asked on the MQTT callback thread for every command: answers from
 * memory, thread-safe.
 */
@FunctionalInterface
public interface PanelDirectory {

    /** The issuer of a paired panel, or empty for an id nobody paired (or one revoked since). */
    Optional<Issuer> issuer(String panelId);

    /** No paired panels: only the rig file's. */
    PanelDirectory NONE = panelId -> Optional.empty();
}
