package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * Libraries the project must not use (../shared/LIBRARIES.md) are on no classpath: this module
 * depends on every other, so its test classpath holds every module's dependencies.
 */
class BannedLibrariesTest {

    @Test
    void jqwikIsNotOnTheClasspath() {
        // its current releases carry a usage clause against how we work
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.jqwik.api.Property"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.jqwik.engine.JqwikTestEngine"));
    }
}
