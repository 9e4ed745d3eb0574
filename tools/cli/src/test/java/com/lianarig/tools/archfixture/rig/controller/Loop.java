package com.lianarig.tools.archfixture.rig.controller;

import com.lianarig.tools.archfixture.rig.config.Limits;
import com.lianarig.tools.archfixture.rig.hal.Link;
import com.lianarig.tools.archfixture.rig.protocol.Frame;

/** Allowed: the controller uses hal, config and (through hal) the protocol. */
public class Loop {
    Link link;
    Limits limits;

    Frame step() {
        return link.read();
    }
}
