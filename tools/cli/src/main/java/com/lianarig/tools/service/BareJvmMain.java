package com.lianarig.tools.service;

/**
 * P-5's baseline ({@code rig bench-mqtt}): a main that returns at once, started with the same java,
 * flags and class path as the service, so "process start -> first retained state" can be read as a
 * multiple of a bare JVM start and exit on the same machine in the same run.
 */
public final class BareJvmMain {
    private BareJvmMain() {
    }

    public static void main(String[] args) {
        // nothing: the JVM's start and exit are the measurement
    }
}
