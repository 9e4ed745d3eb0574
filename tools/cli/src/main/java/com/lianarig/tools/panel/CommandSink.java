package com.lianarig.tools.panel;

/** Where the panel's commands go: the broker, at QoS 0, never retained, never buffered. */
@FunctionalInterface
public interface CommandSink {
    /** @return false when the command could not be handed to the broker now (it is then lost, by design) */
    boolean publish(String topic, byte[] payload);
}
