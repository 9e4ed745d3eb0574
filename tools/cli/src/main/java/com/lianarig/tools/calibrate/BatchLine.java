package com.lianarig.tools.calibrate;

import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.yaml.Problems;
import com.lianarig.tools.BadInputException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One command of {@code rig calibrate --batch}, read from a line of standard input:
 *
 * <pre>
 * zero          take the zero point: all load removed, the strap hanging free
 * point KG      take a point with KG kilograms hanging (point 0 is a zero point)
 * retake N      take point N again (1-based, in the order taken), its mass hanging again
 * fit           fit the points taken
 * verify KG     check the fit with a known mass of KG kilograms hanging
 * save          save the verified fit
 * quit          stop (what was not saved is dropped)
 * </pre>
 *
 * Blank lines and text from {@code #} to the end of a line are ignored; words are separated by
 * spaces or tabs; a mass is a plain decimal number of kilograms ({@code 20}, {@code 12.5}).
 */
public sealed interface BatchLine {
    /** The command's name as written, e.g. "point". */
    String name();

    record Zero() implements BatchLine {
        @Override
        public String name() {
            return "zero";
        }
    }

    /** @param massKg the mass hanging, kg, 0..2000 */
    record Point(double massKg) implements BatchLine {
        @Override
        public String name() {
            return "point";
        }
    }

    /** @param number the point to take again, 1-based in the order taken */
    record Retake(int number) implements BatchLine {
        @Override
        public String name() {
            return "retake";
        }
    }

    record Fit() implements BatchLine {
        @Override
        public String name() {
            return "fit";
        }
    }

    /** @param massKg the known mass hanging, kg, above 0 */
    record Verify(double massKg) implements BatchLine {
        @Override
        public String name() {
            return "verify";
        }
    }

    record Save() implements BatchLine {
        @Override
        public String name() {
            return "save";
        }
    }

    record Quit() implements BatchLine {
        @Override
        public String name() {
            return "quit";
        }
    }

    /** What the rejections list. */
    String COMMANDS = "zero, point KG, retake N, fit, verify KG, save, quit";

    /**
     * Reads one line.
     *
     * @param lineNumber 1-based, for messages
     * @return empty for a blank or comment line
     * @throws BadInputException naming the line, what it says and what is wrong
     */
    static Optional<BatchLine> parse(String line, int lineNumber) throws BadInputException {
        int hash = line.indexOf('#');
        String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] words = text.split("[ \\t]+");
        String where = "line " + lineNumber + " '" + text + "': ";
        String command = words[0].toLowerCase(Locale.ROOT);
        BatchLine parsed = switch (command) {
            case "zero" -> noArgument(new Zero(), words, where);
            case "fit" -> noArgument(new Fit(), words, where);
            case "save" -> noArgument(new Save(), words, where);
            case "quit" -> noArgument(new Quit(), words, where);
            case "point" -> new Point(mass(words, where, "point", false));
            case "verify" -> new Verify(mass(words, where, "verify", true));
            case "retake" -> new Retake(pointNumber(words, where));
            default -> throw new BadInputException(where + "'" + words[0] + "' is not a command (commands: "
                    + COMMANDS + ")");
        };
        return Optional.of(parsed);
    }

    private static BatchLine noArgument(BatchLine command, String[] words, String where) throws BadInputException {
        if (words.length > 1) {
            throw new BadInputException(where + command.name() + " takes no argument");
        }
        return command;
    }

    private static int pointNumber(String[] words, String where) throws BadInputException {
        if (words.length != 2 || !words[1].matches("[1-9][0-9]{0,2}")) {
            throw new BadInputException(where + "retake takes one argument, the number of the point to take again"
                    + " (1 for the first taken, e.g. retake 3)");
        }
        return Integer.parseInt(words[1]);
    }

    private static double mass(String[] words, String where, String name, boolean aboveZero)
            throws BadInputException {
        if (words.length != 2) {
            throw new BadInputException(where + name + " takes one argument, the mass hanging in kg (e.g. " + name
                    + " 20)");
        }
        return MassText.parse(words[1], aboveZero, where);
    }

    /** Plain decimal kilograms. */
    final class MassText {
        private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,6}(\\.[0-9]{1,6})?");

        private MassText() {
        }

        /**
         * @param prefix put before every message
         * @throws BadInputException when the text is not a mass in range
         */
        static double parse(String text, boolean aboveZero, String prefix) throws BadInputException {
            if (!DECIMAL.matcher(text).matches()) {
                throw new BadInputException(prefix + "'" + text + "' is not a mass in kg (a plain decimal number,"
                        + " e.g. 20 or 12.5)");
            }
            double kg = Double.parseDouble(text);
            if (aboveZero && kg <= 0) {
                throw new BadInputException(prefix + "the mass must be above 0 kg, not " + text);
            }
            if (kg > CalibrationPoint.MAX_REFERENCE_MASS_KG) {
                throw new BadInputException(prefix + text + " kg is above the largest reference mass accepted, "
                        + Problems.number(CalibrationPoint.MAX_REFERENCE_MASS_KG) + " kg");
            }
            return kg;
        }
    }
}
