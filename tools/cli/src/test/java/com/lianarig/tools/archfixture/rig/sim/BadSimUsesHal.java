package com.lianarig.tools.archfixture.rig.sim;

import com.lianarig.tools.archfixture.rig.hal.Link;

/** Breaks: the virtual rig depends only on the protocol. */
public class BadSimUsesHal {
    Link link;
}
