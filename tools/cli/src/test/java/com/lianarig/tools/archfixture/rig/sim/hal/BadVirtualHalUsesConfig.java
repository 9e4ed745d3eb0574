package com.lianarig.tools.archfixture.rig.sim.hal;

import com.lianarig.tools.archfixture.rig.config.Limits;

/** Breaks: virtual-hal depends only on hal, the virtual rig and the protocol. */
public class BadVirtualHalUsesConfig {
    Limits limits;
}
