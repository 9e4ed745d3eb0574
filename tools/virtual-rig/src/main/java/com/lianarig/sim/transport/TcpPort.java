package com.lianarig.sim.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual node behind a TCP socket on 127.0.0.1 (never any other address): a host connects to
 * {@link #describe()} ("127.0.0.1:PORT") instead of opening a serial port. One host at a time: a new
 * connection replaces the previous one (which is closed), as a cable moved to another computer.
 *
 * <p>{@link #unplugged unplugged(true)} closes the connection and the listening socket, so new
 * connections are refused; {@code unplugged(false)} listens again on the same port.
 *
 * <p>Threads: the node writes on the rig's thread and never blocks ({@link TransmitQueue}); a daemon
 * acceptor thread and one daemon reader thread per connection; {@link #unplugged} and
 * {@link #close} may be called from any thread.
 */
public final class TcpPort implements NodePort {
    private static final Logger log = LoggerFactory.getLogger(TcpPort.class);

    /** Bytes the node may have in flight toward the host before further bytes are lost. */
    static final int TRANSMIT_QUEUE_BYTES = 64 * 1024;

    private static final InetAddress LOOPBACK;

    static {
        try {
            LOOPBACK = InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LineFaults toHostFaults;
    private final LineFaults toNodeFaults;
    private final TransmitQueue transmitter;
    private final Object lifecycle = new Object();
    private final byte[] scratch = new byte[4096];
    private final int port;
    private volatile NodeInput node;
    private ServerSocket listener;
    private Thread acceptor;
    private Socket connection;
    private boolean pulled;
    private boolean closed;
    private long connections;

    private TcpPort(int port, SplittableRandom random) {
        this.toHostFaults = new LineFaults(random.split());
        this.toNodeFaults = new LineFaults(random.split());
        this.transmitter = new TransmitQueue("tcp-port-writer", TRANSMIT_QUEUE_BYTES);
        synchronized (lifecycle) {
            try {
                listen(port);
            } catch (RuntimeException e) {
                transmitter.close();
                throw e;
            }
            this.port = listener.getLocalPort();
        }
    }

    /**
     * Listens on 127.0.0.1.
     *
     * @param port the TCP port, or 0 for a free one
     * @throws UncheckedIOException if the port cannot be bound (in use, not allowed)
     */
    public static TcpPort open(int port, SplittableRandom random) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("TCP port " + port + " is outside 0..65535");
        }
        return new TcpPort(port, random);
    }

    /** Holds {@link #lifecycle}. */
    private void listen(int localPort) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            try {
                s.bind(new InetSocketAddress(LOOPBACK, localPort), 1);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            listener = s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + localPort + ": " + e.getMessage(), e);
        }
        ServerSocket s = listener;
        acceptor = new Thread(() -> accept(s), "tcp-port-acceptor " + s.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket s) {
        while (true) {
            Socket accepted;
            try {
                accepted = s.accept();
            } catch (IOException e) {
                return; // the listener closed: unplugged or closed
            }
            synchronized (lifecycle) {
                if (closed || pulled || listener != s) {
                    closeQuietly(accepted);
                    continue;
                }
                if (connection != null) {
                    log.info("a new host connected from {}: the previous connection is closed",
                            accepted.getRemoteSocketAddress());
                    closeQuietly(connection);
                }
                try {
                    accepted.setTcpNoDelay(true);
                    transmitter.sink(accepted.getOutputStream());
                } catch (IOException e) {
                    closeQuietly(accepted);
                    continue;
                }
                connection = accepted;
                connections++;
                Thread reader = new Thread(() -> read(accepted), "tcp-port-reader " + connections);
                reader.setDaemon(true);
                reader.start();
            }
        }
    }

    /** The host's bytes, through the line faults, into the node; ends when the connection does. */
    private void read(Socket socket) {
        byte[] buffer = new byte[4096];
        byte[] faulted = new byte[4096];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int m = toNodeFaults.apply(buffer, 0, n, faulted);
                NodeInput target = node;
                if (m > 0 && target != null) {
                    target.receive(faulted, 0, m);
                }
            }
        } catch (IOException e) {
            log.debug("tcp connection ended: {}", e.getMessage());
        }
        synchronized (lifecycle) {
            if (connection == socket) {
                connection = null;
                transmitter.sink(null);
            }
        }
        closeQuietly(socket);
    }

    @Override
    public void connectNode(NodeInput nodeReceive) {
        this.node = nodeReceive;
    }

    /** The node writes (the rig's thread): through the line faults into the transmit queue. */
    @Override
    public void write(byte[] bytes, int offset, int length) {
        byte[] out = length <= scratch.length ? scratch : new byte[length];
        int n = toHostFaults.apply(bytes, offset, length, out);
        if (n > 0) {
            transmitter.offer(out, 0, n);
        }
    }

    /** "127.0.0.1:PORT". */
    @Override
    public String describe() {
        return "127.0.0.1:" + port;
    }

    /** The TCP port it listens on. */
    public int port() {
        return port;
    }

    /** How many host connections were accepted so far. */
    public long connections() {
        synchronized (lifecycle) {
            return connections;
        }
    }

    /** True while a host is connected. */
    public boolean connected() {
        synchronized (lifecycle) {
            return connection != null;
        }
    }

    /** Node bytes lost because no host was connected or it did not read fast enough. */
    public long lostBytes() {
        return transmitter.lostBytes();
    }

    @Override
    public LineFaults toHostFaults() {
        return toHostFaults;
    }

    @Override
    public LineFaults toNodeFaults() {
        return toNodeFaults;
    }

    /**
     * Pulls the cable (closes the connection and stops listening: connections are refused) or plugs
     * it back in (listens again on the same port).
     *
     * @throws UncheckedIOException if the port cannot be bound again
     */
    @Override
    public void unplugged(boolean pull) {
        Thread stoppedAcceptor = null;
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the TCP port " + describe() + " is closed");
            }
            if (pull == pulled) {
                return;
            }
            pulled = pull;
            toHostFaults.unplugged(pull);
            toNodeFaults.unplugged(pull);
            if (pull) {
                stoppedAcceptor = disconnect();
            } else {
                listen(port);
            }
        }
        awaitEnd(stoppedAcceptor);
    }

    /**
     * Closes the connection and the listener; returns the acceptor thread to {@link #awaitEnd}. Holds
     * {@link #lifecycle}.
     */
    private Thread disconnect() {
        transmitter.sink(null);
        Thread stopped = acceptor;
        acceptor = null;
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
        return stopped;
    }

    /**
     * Waits for a stopped acceptor to leave {@code accept()}: the JDK closes a listening socket that a
     * thread is blocked on only when that thread wakes, and until then connections still succeed.
     * Without {@link #lifecycle}, which the acceptor may need on its way out.
     */
    private static void awaitEnd(Thread stoppedAcceptor) {
        if (stoppedAcceptor == null || stoppedAcceptor == Thread.currentThread()) {
            return;
        }
        try {
            stoppedAcceptor.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes the connection and the listener, stops the threads. Idempotent. */
    @Override
    public void close() {
        Thread stoppedAcceptor;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            stoppedAcceptor = disconnect();
        }
        awaitEnd(stoppedAcceptor);
        transmitter.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            log.debug("close: {}", e.getMessage());
        }
    }
}
