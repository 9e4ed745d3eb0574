package com.lianarig.tools.archfixture.rig.sim;

import com.lianarig.tools.archfixture.rig.sim.hal.VirtualLink;

/** Breaks: the virtual rig does not reach up into virtual-hal, which is built on it. */
public class BadSimUsesVirtualHal {
    VirtualLink link;
}
