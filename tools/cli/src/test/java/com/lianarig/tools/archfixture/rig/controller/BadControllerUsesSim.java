package com.lianarig.tools.archfixture.rig.controller;

import com.lianarig.tools.archfixture.rig.sim.VirtualRig;

/** Breaks: the controller stays off the virtual rig. */
public class BadControllerUsesSim {
    VirtualRig rig;
}
