package com.lianarig.tools.archfixture.rig.tools;

import com.lianarig.tools.archfixture.rig.controller.Loop;
import com.lianarig.tools.archfixture.rig.hal.Link;
import com.lianarig.tools.archfixture.rig.sim.VirtualRig;

/** Allowed: tools depend on every module. */
public class Cli {
    Loop loop;
    Link link;
    VirtualRig rig;
}
