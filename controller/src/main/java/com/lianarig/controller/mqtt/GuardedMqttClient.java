package com.lianarig.controller.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.internal.NetworkModule;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho's {@link MqttAsyncClient} made safe against what the bus may send (R-10, issue 18), in two
 * independent layers:
 * <ol>
 * <li>every connection it opens reads through an {@link InboundFilter}: a PUBLISH too big to be a
 * command is skipped unread, one whose topic Paho's decoder would die on is dropped, so the receiver
 * thread never sees either;</li>
 * <li>Paho's threads run on this client's own executor, and a task of Paho's that dies of an
 * unexpected exception (the receiver did, on a bad topic, and nothing noticed for 20-30 s) is
 * reported to the {@link Failures} listener and the connection is shut down the way Paho shuts it
 * down after an I/O error: {@code connectionLost} is called and the reconnect follows.</li>
 * </ol>
 * Paho's {@code internal} package is used for the network module (an interface Paho has kept since
 * 1.0); the subclass hook {@link #createNetworkModules} is protected API.
 */
final class GuardedMqttClient extends MqttAsyncClient {

    /** Told of a Paho task that died of an exception, on that task's thread. */
    interface Failures {
        void pahoTaskFailed(String task, Throwable cause);
    }

    private final int maxPacketBytes;
    private final InboundFilter.Listener drops;

    /**
     * @param maxPacketBytes the largest inbound packet read (remaining length); bigger PUBLISHes are skipped
     * @param drops told of every PUBLISH the filter drops (on Paho's receiver thread)
     * @param failures told of every Paho task that dies of an exception
     */
    static GuardedMqttClient create(String serverUri, String clientId, int maxPacketBytes, InboundFilter.Listener drops,
            Failures failures) throws MqttException {
        PahoThreads threads = new PahoThreads(clientId);
        GuardedMqttClient client = new GuardedMqttClient(serverUri, clientId, threads, maxPacketBytes, drops);
        threads.onFailure = (task, e) -> {
            failures.pahoTaskFailed(task, e);
            client.connectionFailed(task, e);
        };
        return client;
    }

    /**
     * Without the inbound filter (tests only: to show that the second layer alone notices a Paho task
     * dying and remakes the connection).
     */
    static GuardedMqttClient unfiltered(String serverUri, String clientId, Failures failures) throws MqttException {
        PahoThreads threads = new PahoThreads(clientId);
        GuardedMqttClient client = new GuardedMqttClient(serverUri, clientId, threads, 0, (d, t, n) -> {
        });
        threads.onFailure = (task, e) -> {
            failures.pahoTaskFailed(task, e);
            client.connectionFailed(task, e);
        };
        return client;
    }

    private GuardedMqttClient(String serverUri, String clientId, PahoThreads threads, int maxPacketBytes,
            InboundFilter.Listener drops) throws MqttException {
        super(serverUri, clientId, new MemoryPersistence(), new TimerPingSender(), threads);
        this.maxPacketBytes = maxPacketBytes;
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    @Override
    protected NetworkModule[] createNetworkModules(String address, MqttConnectOptions options) throws MqttException {
        NetworkModule[] modules = super.createNetworkModules(address, options);
        if (maxPacketBytes <= 0) {
            return modules;
        }
        for (int i = 0; i < modules.length; i++) {
            modules[i] = new FilteredModule(modules[i]);
        }
        return modules;
    }

    /** After a Paho task died: end the connection as Paho ends it after an I/O error, so it reconnects. */
    private void connectionFailed(String task, Throwable cause) {
        if (comms.isConnected()) {
            comms.shutdownConnection(null, new MqttException(MqttException.REASON_CODE_CONNECTION_LOST,
                    new IOException("Paho's " + task + " failed: " + cause, cause)));
        }
    }

    /** A network module whose input is filtered. */
    private final class FilteredModule implements NetworkModule {
        private final NetworkModule inner;
        private InboundFilter filter;

        FilteredModule(NetworkModule inner) {
            this.inner = inner;
        }

        @Override
        public void start() throws IOException, MqttException {
            inner.start();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (filter == null) {
                filter = new InboundFilter(inner.getInputStream(), maxPacketBytes, drops);
            }
            return filter;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return inner.getOutputStream();
        }

        @Override
        public void stop() throws IOException {
            inner.stop();
        }

        @Override
        public String getServerURI() {
            return inner.getServerURI();
        }
    }

    /**
     * The threads Paho's receiver, sender and callback run on (named as Paho names them), with every
     * task wrapped so that an exception it dies of is reported, never silent.
     */
    private static final class PahoThreads extends ScheduledThreadPoolExecutor {
        private static final int THREADS = 10;
        volatile Failures onFailure;

        PahoThreads(String clientId) {
            super(THREADS, daemonThreads("mqtt-paho-" + clientId));
        }

        private static ThreadFactory daemonThreads(String prefix) {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        @Override
        public void execute(Runnable task) {
            super.execute(reported(task));
        }

        /** Paho starts its receiver, sender and callback with {@code submit}. */
        @Override
        public java.util.concurrent.Future<?> submit(Runnable task) {
            return super.submit(reported(task));
        }

        private Runnable reported(Runnable task) {
            return () -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    Failures f = onFailure;
                    if (f != null) {
                        f.pahoTaskFailed(task.getClass().getSimpleName(), e);
                    }
                    throw e;
                }
            };
        }
    }
}
