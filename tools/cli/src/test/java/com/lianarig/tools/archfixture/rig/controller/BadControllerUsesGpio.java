package com.lianarig.tools.archfixture.rig.controller;

import com.lianarig.tools.archfixture.vendor.gpio.Pin;

/** Breaks: the controller stays off hardware libraries; only hal uses them. */
public class BadControllerUsesGpio {
    Pin pin;
}
