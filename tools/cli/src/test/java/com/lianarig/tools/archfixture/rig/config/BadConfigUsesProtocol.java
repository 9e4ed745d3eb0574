package com.lianarig.tools.archfixture.rig.config;

import com.lianarig.tools.archfixture.rig.protocol.Frame;

/** Breaks: config depends on no other module. */
public class BadConfigUsesProtocol {
    Frame frame;
}
