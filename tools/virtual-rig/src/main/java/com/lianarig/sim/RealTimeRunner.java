package com.lianarig.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link VirtualRig} in real time for demos and the {@code rig sim} command: a daemon thread
 * advances it to {@link System#nanoTime()} every millisecond.
 */
public final class RealTimeRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RealTimeRunner.class);

    private final VirtualRig rig;
    private final Thread thread;
    private volatile boolean running = true;

    public RealTimeRunner(VirtualRig rig) {
        this.rig = rig;
        this.thread = new Thread(this::run, "virtual-rig");
        this.thread.setDaemon(true);
    }

    /** Starts the rig's nodes now and keeps the rig at the wall clock. */
    public void start() {
        rig.start(System.nanoTime());
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                rig.advanceTo(System.nanoTime());
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("virtual rig stopped", e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
