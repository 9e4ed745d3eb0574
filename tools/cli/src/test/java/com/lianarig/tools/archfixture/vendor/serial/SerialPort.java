package com.lianarig.tools.archfixture.vendor.serial;

/** Stands in for a jSerialComm class. */
public class SerialPort {
}
