package com.lianarig.sim.node;

/** Where a virtual node writes its bytes: the transport toward the host. */
@FunctionalInterface
public interface NodeOutput {
    void write(byte[] bytes, int offset, int length);
}
