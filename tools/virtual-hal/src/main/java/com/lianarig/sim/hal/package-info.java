/**
 * hal's role interfaces over the virtual rig ({@code tools/virtual-rig}): serial links over its
 * in-process cables ({@link com.lianarig.sim.hal.SteppedSerialLink} for a stepped clock,
 * {@link com.lianarig.sim.hal.VirtualSerialLink} on the wall clock), its safety chain's monitoring
 * contact ({@link com.lianarig.sim.hal.VirtualSafetyChainMonitor}) and a pendant pressed by a test
 * or the demo ({@link com.lianarig.sim.hal.VirtualPendant}). For the controller's tests and the
 * service's demo mode; the service's main chooses them instead of the hardware backends (STYLE
 * rule 3), and the controller's code never names them.
 */
package com.lianarig.sim.hal;
