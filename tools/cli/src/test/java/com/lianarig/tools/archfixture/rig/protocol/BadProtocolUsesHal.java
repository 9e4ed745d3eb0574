package com.lianarig.tools.archfixture.rig.protocol;

import com.lianarig.tools.archfixture.rig.hal.Link;

/** Breaks: protocol depends on no other module. */
public class BadProtocolUsesHal {
    Link link;
}
