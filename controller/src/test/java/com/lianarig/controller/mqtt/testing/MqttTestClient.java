package com.lianarig.controller.mqtt.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Paho {@link MqttAsyncClient} for tests (in-memory persistence, so nothing lands in the working
 * directory) that collects every message it receives in arrival order. Calls block until the broker
 * has answered, up to {@value #TIMEOUT_MS} ms.
 */
public final class MqttTestClient implements AutoCloseable {
    /** How long a call waits for the broker. */
    public static final long TIMEOUT_MS = 5_000;
    private static final AtomicInteger IDS = new AtomicInteger();

    /** One message as it arrived. */
    public record Received(String topic, String payload, int qos, boolean retained) {
    }

    private final MqttAsyncClient client;
    private final LinkedBlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
    private final AtomicInteger connects = new AtomicInteger();

    private MqttTestClient(String uri, String clientId) throws MqttException {
        this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                connects.incrementAndGet();
            }

            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect, when set, takes over
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                inbox.add(new Received(topic, new String(m.getPayload(), StandardCharsets.UTF_8), m.getQos(),
                        m.isRetained()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // publish() waits on its token
            }
        });
    }

    /** Connects to {@code broker} as {@code user} with the broker's options for that user. */
    public static MqttTestClient connect(MosquittoBroker broker, String user) throws MqttException {
        return connect(broker, user, broker.connectOptions(user));
    }

    /** Connects with the given options (client id: the user and a number). */
    public static MqttTestClient connect(MosquittoBroker broker, String user, MqttConnectOptions options)
            throws MqttException {
        MqttTestClient c = new MqttTestClient(broker.uri(), user + "-" + IDS.incrementAndGet());
        try {
            c.client.connect(options).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            c.client.close(true);
            throw e;
        }
        return c;
    }

    /** Subscribes and waits for the SUBACK; the granted QoS (128: refused by the broker). */
    public int subscribe(String topicFilter, int qos) throws MqttException {
        IMqttToken t = client.subscribe(topicFilter, qos);
        t.waitForCompletion(TIMEOUT_MS);
        return t.getGrantedQos()[0];
    }

    /**
     * Publishes and waits until the broker has it: for QoS 1 and 2 its acknowledgement (Mosquitto
     * acknowledges an unauthorised publish too, then drops it), for QoS 0 the write to the socket.
     */
    public void publish(String topic, String payload, int qos, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos, retained).waitForCompletion(TIMEOUT_MS);
    }

    /** The next message received, waiting up to {@code timeout}; null when none came. */
    public Received next(Duration timeout) throws InterruptedException {
        return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for a message on {@code topic}; every message received before it, then it (last). */
    public List<Received> until(String topic, Duration timeout) throws InterruptedException {
        List<Received> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long leftNanos = deadline - System.nanoTime();
            Received r = leftNanos <= 0 ? null : inbox.poll(leftNanos, TimeUnit.NANOSECONDS);
            if (r == null) {
                throw new AssertionError("no message on " + topic + " within " + timeout + "; received " + seen);
            }
            seen.add(r);
            if (r.topic().equals(topic)) {
                return seen;
            }
        }
    }

    /** Messages received and not yet taken, without waiting. */
    public List<Received> drain() {
        List<Received> all = new ArrayList<>();
        inbox.drainTo(all);
        return all;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Completed connects, the first included: above 1 after an automatic reconnect. */
    public int connects() {
        return connects.get();
    }

    /** The Paho client itself. */
    public MqttAsyncClient paho() {
        return client;
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(TIMEOUT_MS);
            }
        } catch (MqttException e) {
            // already gone
        } finally {
            client.close(true);
        }
    }
}
