package com.lianarig.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.controller.mqtt.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paired devices' users on an external Mosquitto (SPEC section 6a; issue 18): pairing a device
 * makes it a user of Mosquitto's dynamic security plugin, named like its panel id, with the secret only
 * the device holds as its password and a role of its own that lets it publish its own
 * {@code <root>/cmd/<panelId>} and nothing else, and read the rig's {@code status}, {@code state},
 * {@code telemetry}, {@code events} and its own {@code reply/<panelId>} (what the embedded broker's
 * {@link PanelBrokerAccess} allows it). Revoking deletes the user and its role: Mosquitto drops the
 * device's open connection at once.
 *
 * <p>Why the dynamic security plugin and not a password and ACL file the service writes: Mosquitto
 * rereads those files only on SIGHUP, which the liana-rig user cannot send to the mosquitto process;
 * the plugin takes its changes over MQTT ({@code $CONTROL/dynamic-security/v1}) from a user allowed to
 * publish there, without root and without a broker restart. That user ({@code web.pairedUsers}, the
 * packaged broker's {@code liana-rig-pairing}) is not the rig's own: a second connection with the rig's
 * user name would replace the rig's (one connection per user), and the rig's command connection keeps
 * no rights over the broker's users.
 *
 * <p>The plugin takes a new user's password only in plain text, so a user is made when the device is
 * paired ({@link #add}), while the service holds the secret. A device paired while the broker was away
 * cannot be made later: its pairing fails ({@link PairingStore#redeem}) and the technician pairs it
 * again. {@link #reconcile} deletes the users of devices revoked elsewhere ({@code rig panel-pair --revoke}).
 *
 * <p>Thread-safe: one request at a time on one connection, made (again) when needed.
 */
public final class MosquittoPairedUsers implements PairingStore.BrokerAccounts, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MosquittoPairedUsers.class);
    static final String CONTROL = "$CONTROL/dynamic-security/v1";
    static final String RESPONSE = CONTROL + "/response";
    /** The role of each paired device: this prefix and its panel id. */
    static final String ROLE_PREFIX = "liana-panel-";
    static final long TIMEOUT_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uri;
    private final String username;
    private final char[] password;
    private final Optional<SSLSocketFactory> tls;
    private final Topics topics;
    private final BlockingQueue<JsonNode> responses = new ArrayBlockingQueue<>(16);
    private MqttClient client;

    /**
     * Nothing is connected yet: the first request connects.
     *
     * @param host the broker's host ({@code mqtt.host})
     * @param port its port ({@code mqtt.port})
     * @param tls the rig's TLS settings for it, when it has TLS
     * @param username the user allowed on {@code $CONTROL/dynamic-security/#}
     * @param password its password
     * @param topics the rig's topics
     */
    public MosquittoPairedUsers(String host, int port, Optional<SSLSocketFactory> tls, String username, char[] password,
            Topics topics) {
        this.uri = (tls.isPresent() ? "ssl://" : "tcp://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.tls = Objects.requireNonNull(tls, "tls");
        this.username = Objects.requireNonNull(username, "username");
        this.password = password.clone();
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /** Makes the device's role and user; the device can log in once this returns. */
    @Override
    public synchronized void add(PairedPanel panel, String secret) throws IOException {
        String id = panel.id();
        ObjectNode role = command("createRole");
        role.put("rolename", ROLE_PREFIX + id);
        role.put("textdescription", "liana-rig paired device " + id + ": its own command topic only");
        ArrayNode acls = role.putArray("acls");
        acl(acls, "publishClientSend", topics.command(id));
        for (String topic : List.of(topics.status(), topics.state(), topics.telemetry(), topics.events(),
                topics.reply(id))) {
            acl(acls, "subscribePattern", topic);
            acl(acls, "publishClientReceive", topic);
        }
        ObjectNode user = command("createClient");
        user.put("username", id);
        user.put("password", secret);
        user.put("textname", panel.name());
        user.putArray("roles").addObject().put("rolename", ROLE_PREFIX + id);
        List<String> errors = request(List.of(role, user));
        if (!errors.isEmpty()) {
            throw new IOException("the broker did not make " + id + "'s user: " + String.join("; ", errors));
        }
    }

    /** Deletes the device's user (the broker drops its connections) and its role; an absent one is no error. */
    @Override
    public synchronized void remove(String panelId) throws IOException {
        ObjectNode user = command("deleteClient");
        user.put("username", panelId);
        ObjectNode role = command("deleteRole");
        role.put("rolename", ROLE_PREFIX + panelId);
        List<String> errors = new ArrayList<>(request(List.of(user, role)));
        errors.removeIf(e -> e.contains("not found"));
        if (!errors.isEmpty()) {
            throw new IOException("the broker did not delete " + panelId + "'s user: " + String.join("; ", errors));
        }
    }

    /**
     * Deletes the users of paired devices ({@value PairedPanel#ID_PREFIX}...) that are no longer paired.
     *
     * @param paired the panel ids paired now
     * @return the ids deleted
     */
    public synchronized Set<String> reconcile(Set<String> paired) throws IOException {
        ObjectNode list = command("listClients");
        list.put("verbose", false);
        JsonNode response = exchange(List.of(list)).get(0);
        if (response.hasNonNull("error")) {
            throw new IOException("the broker did not list its users: " + response.path("error").asText());
        }
        Set<String> gone = new HashSet<>();
        for (JsonNode name : response.path("data").path("clients")) {
            String id = name.isTextual() ? name.asText() : name.path("username").asText();
            if (id.startsWith(PairedPanel.ID_PREFIX) && !paired.contains(id)) {
                remove(id);
                gone.add(id);
            }
        }
        return gone;
    }

    private static ObjectNode command(String name) {
        ObjectNode c = JSON.createObjectNode();
        c.put("command", name);
        return c;
    }

    private static void acl(ArrayNode acls, String type, String topic) {
        ObjectNode a = acls.addObject();
        a.put("acltype", type);
        a.put("topic", topic);
        a.put("allow", true);
        a.put("priority", 0);
    }

    /** The errors of the commands' responses (empty: all done). */
    private List<String> request(List<ObjectNode> commands) throws IOException {
        List<String> errors = new ArrayList<>();
        for (JsonNode r : exchange(commands)) {
            if (r.hasNonNull("error")) {
                errors.add(r.path("command").asText() + ": " + r.path("error").asText());
            }
        }
        return errors;
    }

    /** Sends the commands in one message and waits for their responses, in order. */
    private List<JsonNode> exchange(List<ObjectNode> commands) throws IOException {
        String tag = UUID.randomUUID().toString();
        ObjectNode message = JSON.createObjectNode();
        ArrayNode list = message.putArray("commands");
        for (int i = 0; i < commands.size(); i++) {
            list.add(commands.get(i).deepCopy().put("correlationData", tag + "/" + i));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        try {
            byte[] payload = JSON.writeValueAsBytes(message);
            try {
                connected().publish(CONTROL, payload, 1, false);
            } catch (MqttException stale) {
                // a connection the broker had already dropped (restarted, or replaced by another login
                // with this user name) that Paho had not noticed yet: once more, on a new one
                dropConnection();
                connected().publish(CONTROL, payload, 1, false);
            }
            List<JsonNode> out = new ArrayList<>();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode r = left > 0 ? responses.poll(left, TimeUnit.NANOSECONDS) : null;
                if (r == null) {
                    throw new IOException("no answer from the broker's dynamic security plugin in " + TIMEOUT_MS
                            + " ms (is it loaded, and may " + username + " publish " + CONTROL + "?)");
                }
                for (JsonNode one : r.path("responses")) {
                    if (one.path("correlationData").asText("").startsWith(tag + "/")) {
                        out.add(one);
                    }
                }
                if (out.size() >= commands.size()) {
                    return out;
                }
            }
        } catch (MqttException e) {
            dropConnection();
            throw new IOException("the broker at " + uri + " as " + username + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the broker", e);
        }
    }

    private MqttClient connected() throws MqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        dropConnection();
        MqttClient c = new MqttClient(uri, username, new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setUserName(username);
        o.setPassword(password);
        o.setCleanSession(true);
        o.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
        o.setKeepAliveInterval(30);
        o.setAutomaticReconnect(false);
        tls.ifPresent(o::setSocketFactory);
        c.setTimeToWait(TIMEOUT_MS);
        c.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                log.info("the paired devices' broker connection ({}) was lost: {}", username,
                        cause == null ? "closed" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    responses.offer(JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8)));
                } catch (IOException | RuntimeException e) {
                    log.warn("an unreadable answer on {}: {}", topic, e.getMessage());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // QoS 1 requests: the answer is what counts
            }
        });
        c.connect(o);
        c.subscribe(RESPONSE, 1);
        responses.clear();
        client = c;
        return c;
    }

    private void dropConnection() {
        MqttClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(1_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }

    @Override
    public synchronized void close() {
        dropConnection();
    }
}
