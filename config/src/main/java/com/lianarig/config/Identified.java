package com.lianarig.config;

/** A value (usually an enum constant) spelt in files and on the wire by a stable id. */
public interface Identified {
    /** The id as files spell it, e.g. {@code "leg-strap"}. */
    String id();
}
