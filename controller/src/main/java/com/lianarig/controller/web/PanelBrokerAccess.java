package com.lianarig.controller.web;

import com.lianarig.controller.mqtt.BrokerAccess;
import com.lianarig.controller.mqtt.LocalLogin;
import com.lianarig.controller.mqtt.Topics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded broker's rules when it serves the web panel (SPEC section 6a):
 * <ul>
 * <li>the rig's own connection logs in as {@link #SERVICE_USER} with a password made at each start, and
 * alone may publish the rig's topics ({@code status}, {@code state}, {@code telemetry}, {@code events},
 * {@code reply/...});</li>
 * <li>a paired device logs in with its panel id and secret (its client id must start with
 * {@code <panelId>-}), may publish only its own {@code cmd/<panelId>}, and may subscribe only to the
 * rig's {@code status}, {@code state}, {@code telemetry}, {@code events} and its own {@code reply/<panelId>};
 * revoked, it can do nothing more;</li>
 * <li>a client without a user name (on loopback: the rig file's panels, {@code rig panel}, {@code rig
 * monitor}, {@code mosquitto_sub}), or the tools on the rig's own computer logged in as
 * {@link LocalLogin#USER} with this run's {@link LocalLogin} (the only way in for them when the broker
 * listens beyond loopback and refuses anonymous clients), may subscribe to anything and publish commands,
 * but never as a paired device and never on the rig's own topics;</li>
 * <li>any other user name is refused.</li>
 * </ul>
 * Client names and session histories never go on the broker at all (the web server gives them to
 * paired devices over HTTPS). Thread-safe: reads the pairing store's in-memory copy.
 */
public final class PanelBrokerAccess implements BrokerAccess {
    /** The rig service's own MQTT user on its embedded broker. */
    public static final String SERVICE_USER = "liana-rig-service";

    private final Topics topics;
    private final PairingStore paired;
    private final byte[] servicePassword;
    private final Optional<byte[]> localPassword;

    /**
     * @param servicePassword the rig's own password for this run (random, never written down)
     */
    public PanelBrokerAccess(Topics topics, PairingStore paired, char[] servicePassword) {
        this(topics, paired, servicePassword, Optional.empty());
    }

    /**
     * @param servicePassword the rig's own password for this run (random, never written down)
     * @param local the login of the tools on the rig's computer for this run, if they have one
     */
    public PanelBrokerAccess(Topics topics, PairingStore paired, char[] servicePassword, Optional<LocalLogin> local) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.paired = Objects.requireNonNull(paired, "paired");
        this.servicePassword = new String(servicePassword).getBytes(StandardCharsets.UTF_8);
        this.localPassword = local.map(l -> l.password().getBytes(StandardCharsets.UTF_8));
    }

    /** Every user name is checked against its secret: the broker may refuse anonymous clients beyond loopback. */
    @Override
    public boolean authenticates() {
        return true;
    }

    @Override
    public boolean login(String clientId, String user, byte[] password) {
        if (user == null || password == null) {
            return false;
        }
        if (user.equals(SERVICE_USER)) {
            return MessageDigest.isEqual(servicePassword, password);
        }
        if (user.equals(LocalLogin.USER)) {
            return localPassword.isPresent() && MessageDigest.isEqual(localPassword.get(), password);
        }
        Optional<PairedPanel> panel = paired.authenticate(user, password);
        return panel.isPresent() && clientId != null && clientId.startsWith(user + "-");
    }

    @Override
    public boolean mayPublish(String user, String topic) {
        if (SERVICE_USER.equals(user)) {
            return true;
        }
        if (user != null && !LocalLogin.USER.equals(user)) {
            return paired.panel(user).isPresent() && topic.equals(topics.command(user));
        }
        String panel = topics.panelOf(topic);
        if (panel != null) {
            return paired.panel(panel).isEmpty();
        }
        return !topic.startsWith(topics.root() + "/");
    }

    @Override
    public boolean maySubscribe(String user, String filter) {
        if (user == null || SERVICE_USER.equals(user) || LocalLogin.USER.equals(user)) {
            return true;
        }
        if (paired.panel(user).isEmpty()) {
            return false;
        }
        return filter.equals(topics.status()) || filter.equals(topics.state()) || filter.equals(topics.telemetry())
                || filter.equals(topics.events()) || filter.equals(topics.reply(user));
    }
}
