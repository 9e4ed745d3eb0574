package com.lianarig.tools.archfixture.rig.config;

/** Allowed: the JDK only. */
public record Limits(double maxDescentMmPerS) {
}
