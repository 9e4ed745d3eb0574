package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * An embedded broker beyond loopback (started only with the web panel's TLS and users) is warned about at
 * start, what gets in and the way back; one on loopback is not.
 */
class BrokerExposureTest {
    @Test
    void loopbackIsQuiet() {
        assertAll(
                () -> assertNull(ServiceStack.exposureWarning("127.0.0.1", 1883)),
                () -> assertNull(ServiceStack.exposureWarning("localhost", 1883)),
                () -> assertNull(ServiceStack.exposureWarning("::1", 1883)),
                () -> assertNull(ServiceStack.exposureWarning("127.0.0.2", 1883)));
    }

    @Test
    void everyInterfaceIsWarnedAboutWithTheWayBack() {
        String w = ServiceStack.exposureWarning("0.0.0.0", 1883);
        assertAll(
                () -> assertTrue(w.contains("every network interface (0.0.0.0:1883)"), w),
                () -> assertTrue(w.contains("only users get in") && w.contains("no TLS"), w),
                () -> assertTrue(w.contains("mqtt.host: 127.0.0.1"), w),
                () -> assertTrue(ServiceStack.exposureWarning("::", 1883).contains("every network interface"), w));
    }

    @Test
    void aLanAddressIsWarnedAbout() {
        String w = ServiceStack.exposureWarning("192.168.1.10", 1883);
        assertTrue(w.contains("on 192.168.1.10:1883, reachable from that network"), w);
    }
}
