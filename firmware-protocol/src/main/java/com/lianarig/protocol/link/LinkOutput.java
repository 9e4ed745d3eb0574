package com.lianarig.protocol.link;

/** Where a {@link HostLinkSession} writes its frames: the serial link's writer, or a test's capture. */
@FunctionalInterface
public interface LinkOutput {
    /**
     * Writes {@code length} bytes of {@code frame}; the array is reused after the call returns.
     */
    void write(byte[] frame, int length);
}
