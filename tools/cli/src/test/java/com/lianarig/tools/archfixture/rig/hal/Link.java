package com.lianarig.tools.archfixture.rig.hal;

import com.lianarig.tools.archfixture.rig.protocol.Frame;
import com.lianarig.tools.archfixture.vendor.gpio.Pin;
import com.lianarig.tools.archfixture.vendor.serial.SerialPort;

/** Allowed: hal uses the protocol and the hardware libraries. */
public class Link {
    SerialPort port;
    Pin eStop;

    public Frame read() {
        return null;
    }
}
