package com.lianarig.tools.archfixture.rig.tools;

import com.lianarig.tools.archfixture.vendor.serial.SerialPort;

/** Breaks: only hal uses hardware libraries, even from the tools. */
public class BadToolsUsesSerialPort {
    SerialPort port;
}
