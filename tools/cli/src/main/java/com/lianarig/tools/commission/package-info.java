/**
 * {@code rig commission}: the commissioning checks of SPEC section 7, for a technician at a newly wired
 * rig: motor and encoder directions agree on every winch, and each load channel answers to the rope
 * the rig file says. Talks to the nodes through hal directly (the service must not run); see
 * docs/commissioning.md.
 */
package com.lianarig.tools.commission;
