package com.lianarig.tools.archfixture.rig.hal;

import com.lianarig.tools.archfixture.rig.config.Limits;

/** Breaks: hal depends only on the protocol. */
public class BadHalUsesConfig {
    Limits limits;
}
