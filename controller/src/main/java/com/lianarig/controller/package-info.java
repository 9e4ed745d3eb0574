/**
 * Control loop, safety supervisor, command model, aiming, journal and MQTT interface. Depends on
 * {@code hal} and {@code config} only, and never on {@code com.pi4j} or {@code com.fazecast}
 * (SPEC section 2). Its content arrives with the controller issue.
 */
package com.lianarig.controller;
