package com.lianarig.tools.archfixture.rig.controller;

import com.lianarig.tools.archfixture.rig.tools.Cli;

/** Breaks: the controller stays off the tools; only tools depend on tools. */
public class BadControllerUsesTools {
    Cli cli;
}
