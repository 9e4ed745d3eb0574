package com.lianarig.controller.mqtt;

import io.moquette.broker.Server;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a client's retained last will as the topic's retained message when its connection is lost
 * (Moquette 0.17 only delivers it to current subscribers: moquette-io/moquette#562). A clean
 * DISCONNECT drops the will, as MQTT 3.1.1 says; a new connection of the same client id supersedes
 * the old one's will. Moquette calls these handlers in order on its interceptor thread.
 *
 * <p>A will is kept only on a topic its client may publish ({@link BrokerAccess#mayPublish}): the retained
 * copy goes out as the broker's own publish, past the access rules, so a paired device's will on the
 * rig's {@code status} or on another panel's command topic is dropped here (and logged). Moquette 0.17
 * itself checks no access rule on a will: it delivers any will to the clients subscribed at that moment,
 * and gives neither the authenticator nor the access policy the will topic to refuse the CONNECT; an
 * interceptor sees it only after the connection is accepted, and closing it from there fires the will.
 * That delivery is not closed here: a paired device with a will on another panel's command topic
 * reaches the rig's subscription once, where it must still pass freshness (session, counter) like any
 * command; the drop is logged so it is seen.
 */
final class RetainedWills extends AbstractInterceptHandler {
    private static final Logger log = LoggerFactory.getLogger(RetainedWills.class);

    private record Will(String topic, byte[] payload, int qos, long generation) {
    }

    private final Server server;
    private final BrokerAccess access;
    private final Map<String, Will> wills = new HashMap<>();
    private final Map<String, Long> generations = new HashMap<>();
    private long nextGeneration;

    RetainedWills(Server server, BrokerAccess access) {
        this.server = server;
        this.access = access;
    }

    @Override
    public String getID() {
        return "liana-retained-wills";
    }

    @Override
    public synchronized void onConnect(InterceptConnectMessage m) {
        long generation = ++nextGeneration;
        generations.put(m.getClientID(), generation);
        if (m.isWillFlag() && !mayPublish(m.getUsername(), m.getWillTopic())) {
            log.warn("client {} (user {}) set a last will on {}, where it may not publish: its retained copy is"
                    + " dropped", m.getClientID(), m.getUsername(), m.getWillTopic());
            wills.remove(m.getClientID());
        } else if (m.isWillFlag() && m.isWillRetain()) {
            wills.put(m.getClientID(), new Will(m.getWillTopic(), m.getWillMessage().clone(), m.getWillQos(), generation));
        } else {
            wills.remove(m.getClientID());
        }
    }

    private boolean mayPublish(String user, String topic) {
        try {
            return topic != null && access.mayPublish(user, topic);
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void onDisconnect(InterceptDisconnectMessage m) {
        wills.remove(m.getClientID());
    }

    @Override
    public void onConnectionLost(InterceptConnectionLostMessage m) {
        Will will;
        synchronized (this) {
            will = wills.remove(m.getClientID());
            if (will == null || generations.getOrDefault(m.getClientID(), -1L) != will.generation()) {
                return; // no retained will, or the client has connected again since
            }
        }
        MqttPublishMessage publish = MqttMessageBuilders.publish().topicName(will.topic()).retained(true)
                .qos(will.qos() == 0 ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE).messageId(1)
                .payload(Unpooled.copiedBuffer(will.payload())).build();
        server.internalPublish(publish, "liana-broker");
    }

    @Override
    public void onSessionLoopError(Throwable error) {
        // Moquette logs it itself
    }
}
