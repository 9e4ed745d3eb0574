package com.lianarig.tools.archfixture.vendor.gpio;

/** Stands in for a Pi4J class. */
public class Pin {
}
