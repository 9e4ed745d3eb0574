/**
 * Serial links to the nodes: the {@link com.lianarig.hal.serial.SerialLink} role, its jSerialComm
 * implementation ({@link com.lianarig.hal.serial.JSerialCommLink}) with exclusive open, unplug
 * detection and reconnection with backoff, and port discovery by USB serial number or VID:PID behind
 * {@link com.lianarig.hal.serial.PortDiscovery}.
 */
package com.lianarig.hal.serial;
