package com.lianarig.tools.panel;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Key bytes from a stream (the terminal, or a pipe in tests): a daemon thread blocks on the stream
 * and hands each byte over through a queue, so the panel's loop never blocks longer than it asks.
 */
public final class StreamKeyInput implements KeyInput {
    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private final InputStream in;
    private final Thread reader;
    private IOException failure;

    public StreamKeyInput(InputStream in) {
        this.in = in;
        this.reader = new Thread(this::readAll, "panel-keys");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            int b;
            while ((b = in.read()) >= 0) {
                bytes.add(b);
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        }
        bytes.add(END);
    }

    @Override
    public int poll(long timeoutMs) throws IOException, InterruptedException {
        Integer b = bytes.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (b == null) {
            return NOTHING;
        }
        if (b == END) {
            bytes.add(END);
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
            }
        }
        return b;
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
