package com.lianarig.tools.panel;

import java.io.IOException;

/** Bytes typed by the trainer, as they come. */
public interface KeyInput extends AutoCloseable {
    /** Returned by {@link #poll} when nothing arrived in time. */
    int NOTHING = -1;
    /** Returned by {@link #poll} when the input has ended. */
    int END = -2;

    /**
     * The next byte, waiting at most {@code timeoutMs}.
     *
     * @return 0..255, {@link #NOTHING} or {@link #END}
     */
    int poll(long timeoutMs) throws IOException, InterruptedException;

    @Override
    void close();
}
