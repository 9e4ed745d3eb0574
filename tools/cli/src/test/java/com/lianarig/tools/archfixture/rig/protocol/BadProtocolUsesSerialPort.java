package com.lianarig.tools.archfixture.rig.protocol;

import com.lianarig.tools.archfixture.vendor.serial.SerialPort;

/** Breaks: protocol uses only the JDK and SLF4J; only hal uses hardware libraries. */
public class BadProtocolUsesSerialPort {
    SerialPort port;
}
