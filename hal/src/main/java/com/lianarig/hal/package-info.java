/**
 * Hardware layer: serial links to the nodes (jSerialComm), GPIO (Pi4J) and the typed device
 * interfaces the controller drives. Only this module touches {@code com.fazecast} and
 * {@code com.pi4j}; it depends on {@code firmware-protocol} and nothing else of ours (SPEC section 2).
 * Its content arrives with the hardware-layer issue.
 */
package com.lianarig.hal;
