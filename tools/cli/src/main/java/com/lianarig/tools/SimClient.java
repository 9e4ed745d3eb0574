package com.lianarig.tools;

import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code rig sim --client MASS_KG,STATURE_MM,POSE} value: who hangs on the virtual rig, and how.
 *
 * @param massKg body mass, kg (20..250)
 * @param statureMm standing height, mm (1,000..2,300)
 * @param exercise the pose: inverted (leg straps), upright (finger loops) or none (off the rig)
 */
record SimClient(double massKg, double statureMm, Exercise exercise) {

    /** A client whose body is exactly the anthropometric tables' ({@link VirtualClient#reference}). */
    VirtualClient virtualClient() {
        return VirtualClient.reference(massKg, statureMm);
    }

    /** Parses "70,1750,inverted"; the message of a rejection names the part that is wrong. */
    static final class Converter implements ITypeConverter<SimClient> {
        @Override
        public SimClient convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 3) {
                throw new TypeConversionException("'" + value + "' is not MASS_KG,STATURE_MM,POSE"
                        + " (e.g. 70,1750,inverted; POSE is inverted, upright or none)");
            }
            double mass = number(parts[0], "MASS_KG", 20, 250);
            double stature = number(parts[1], "STATURE_MM", 1_000, 2_300);
            Exercise exercise = switch (parts[2].trim().toLowerCase(Locale.ROOT)) {
                case "inverted" -> Exercise.INVERTED_HANG;
                case "upright" -> Exercise.UPRIGHT_HANG;
                case "none" -> Exercise.NONE;
                default -> throw new TypeConversionException("POSE '" + parts[2].trim()
                        + "' is not one of inverted, upright, none");
            };
            return new SimClient(mass, stature, exercise);
        }

        private static double number(String text, String name, double min, double max) {
            double v;
            try {
                v = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException(name + " '" + text.trim() + "' is not a number");
            }
            if (!(v >= min && v <= max)) {
                throw new TypeConversionException(name + " " + text.trim() + " is outside " + (long) min + ".."
                        + (long) max);
            }
            return v;
        }
    }
}
