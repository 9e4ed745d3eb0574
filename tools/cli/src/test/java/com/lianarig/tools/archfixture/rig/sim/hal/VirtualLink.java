package com.lianarig.tools.archfixture.rig.sim.hal;

import com.lianarig.tools.archfixture.rig.hal.Link;
import com.lianarig.tools.archfixture.rig.protocol.Frame;
import com.lianarig.tools.archfixture.rig.sim.VirtualRig;

/** Allowed: virtual-hal adapts the virtual rig to hal's roles, speaking the protocol. */
public class VirtualLink {
    VirtualRig rig;
    Link role;
    Frame last;
}
