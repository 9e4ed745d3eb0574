package com.lianarig.tools.archfixture.rig.sim;

import com.lianarig.tools.archfixture.rig.protocol.Frame;

/** Allowed: the virtual rig speaks the protocol. */
public class VirtualRig {
    Frame last;
}
