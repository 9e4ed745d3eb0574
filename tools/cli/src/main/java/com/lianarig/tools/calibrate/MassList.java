package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.LinearFit;
import com.lianarig.tools.BadInputException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The reference masses of a calibration, kg, as {@code --masses 10,20,50} gives them: one or more
 * plain decimal numbers above 0, separated by commas, in the order they are hung.
 *
 * @param massesKg 1..{@value #MAX_MASSES} masses, each above 0 kg
 */
public record MassList(List<Double> massesKg) {
    /** A fit takes at most 50 points, one of them the zero. */
    public static final int MAX_MASSES = LinearFit.MAX_POINTS - 1;

    public MassList {
        massesKg = List.copyOf(massesKg);
        if (massesKg.isEmpty() || massesKg.size() > MAX_MASSES) {
            throw new IllegalArgumentException("1.." + MAX_MASSES + " masses, not " + massesKg.size());
        }
    }

    /** The largest mass, kg: the calibration's full scale. */
    public double largestKg() {
        return massesKg.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /**
     * Reads "10,20,50".
     *
     * @throws BadInputException naming the item that is wrong
     */
    public static MassList parse(String text) throws BadInputException {
        String[] items = text.split(",", -1);
        if (items.length > MAX_MASSES) {
            throw new BadInputException("'" + text + "' has " + items.length + " masses: at most " + MAX_MASSES
                    + " (a fit takes " + LinearFit.MAX_POINTS + " points with the zero)");
        }
        List<Double> masses = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.isEmpty()) {
                throw new BadInputException("'" + text + "': mass " + (i + 1) + " is empty (masses are separated by"
                        + " commas, e.g. 10,20,50)");
            }
            masses.add(BatchLine.MassText.parse(item, true, "'" + text + "': mass " + (i + 1) + ": "));
        }
        return new MassList(masses);
    }

    /** The picocli converter of {@code --masses}. */
    public static final class Converter implements ITypeConverter<MassList> {
        @Override
        public MassList convert(String value) {
            try {
                return parse(value);
            } catch (BadInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
