package com.lianarig.tools.doctor;

/** A check's verdict: PASS, WARN (works, but look at it), FAIL (the rig cannot run as it should). */
public enum Status {
    PASS, WARN, FAIL
}
