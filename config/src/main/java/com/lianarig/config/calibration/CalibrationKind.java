package com.lianarig.config.calibration;

import com.lianarig.config.Identified;

/** What a calibration record is. */
public enum CalibrationKind implements Identified {
    /** A multi-point (or tare + span) fit: a new scale and zero. */
    FIT("fit"),
    /** A new zero, measured unloaded, keeping the scale of the fit it carries. */
    TARE("tare");

    private final String id;

    CalibrationKind(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
