package com.lianarig.controller.aiming;

import com.lianarig.config.profile.ClientProfile;

/**
 * Argument checks shared by the aiming records; each names the value and its valid range. Mass and
 * stature ranges are the client profile's (20..250 kg, 1000..2300 mm).
 */
final class Checks {
    static final double MIN_MASS_KG = ClientProfile.MIN_MASS_KG;
    static final double MAX_MASS_KG = ClientProfile.MAX_MASS_KG;
    static final double MIN_STATURE_MM = ClientProfile.MIN_STATURE_MM;
    static final double MAX_STATURE_MM = ClientProfile.MAX_STATURE_MM;

    private Checks() {
    }

    static void massKg(double massKg) {
        range("massKg", massKg, MIN_MASS_KG, MAX_MASS_KG);
    }

    static void statureMm(double statureMm) {
        range("statureMm", statureMm, MIN_STATURE_MM, MAX_STATURE_MM);
    }

    static void range(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + ".." + max);
        }
    }

    static void positive(String what, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(what + " " + value + " is not a positive finite number");
        }
    }

    static void finite(String what, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " " + value + " is not a finite number");
        }
    }
}
