package com.lianarig.sim.transport;

/** Where bytes from the host are delivered: a virtual node's receive. */
@FunctionalInterface
public interface NodeInput {
    void receive(byte[] bytes, int offset, int length);
}
