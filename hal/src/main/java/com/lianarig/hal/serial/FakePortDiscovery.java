package com.lianarig.hal.serial;

import java.util.List;

/**
 * A scripted {@link PortDiscovery} for tests (pseudo-terminals carry no USB ids): lists whatever
 * ports it was last given.
 *
 * <p>Thread-safe.
 */
public final class FakePortDiscovery implements PortDiscovery {
    private volatile List<PortInfo> ports;

    public FakePortDiscovery(List<PortInfo> ports) {
        this.ports = List.copyOf(ports);
    }

    /** Replaces the ports listed from now on (a device plugged in, unplugged, renamed). */
    public void ports(List<PortInfo> newPorts) {
        this.ports = List.copyOf(newPorts);
    }

    @Override
    public List<PortInfo> ports() {
        return ports;
    }
}
