/**
 * Rig configuration, calibration store and client profiles. Depends on nothing of ours
 * (SPEC section 2). Its content arrives with the hardware-layer and configuration issue.
 */
package com.lianarig.config;
