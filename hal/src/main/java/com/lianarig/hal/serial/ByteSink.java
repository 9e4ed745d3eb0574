package com.lianarig.hal.serial;

/** Where a serial link's reader delivers the bytes it reads. */
@FunctionalInterface
public interface ByteSink {

    /**
     * Bytes just read from the port, on the link's reader thread. The array is reused once the call
     * returns: copy what is needed, and do not block.
     */
    void onBytes(byte[] buffer, int offset, int length);
}
