package com.lianarig.hal.serial;

import java.util.List;

/**
 * Lists the serial ports present now, with their USB identities, so a node's port can be found by
 * its adapter's serial number or VID:PID whatever name the system gave it (it can change at a
 * replug). Pseudo-terminals are not listed: they carry no USB identity and are opened by path.
 */
@FunctionalInterface
public interface PortDiscovery {

    /** The ports present now. */
    List<PortInfo> ports();
}
