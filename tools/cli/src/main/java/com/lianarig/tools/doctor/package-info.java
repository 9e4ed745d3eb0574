/**
 * {@code rig doctor}: checks that a rig controller can run here, each with a plain-language fix
 * (Java, the rig file, serial ports and nodes, GPIO and the safety chain, calibrations, the pre-use
 * check, the MQTT broker, the journal, disk space, the clock). Read-only: it changes nothing.
 */
package com.lianarig.tools.doctor;
