package com.lianarig.tools.archfixture.rig.controller;

import com.lianarig.tools.archfixture.rig.sim.hal.VirtualLink;

/** Breaks: the controller's code stays off virtual-hal too (only the service's main and tests use it). */
public class BadControllerUsesVirtualHal {
    VirtualLink link;
}
