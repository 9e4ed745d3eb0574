package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.BadInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The batch commands of {@code rig calibrate --batch}, one per line; every malformed line is named. */
class BatchLineTest {

    @Test
    void readsEveryCommand() throws BadInputException {
        assertEquals(Optional.of(new BatchLine.Zero()), BatchLine.parse("zero", 1));
        assertEquals(Optional.of(new BatchLine.Point(20)), BatchLine.parse("  point\t20  ", 1));
        assertEquals(Optional.of(new BatchLine.Point(12.5)), BatchLine.parse("POINT 12.5 # the blue disc", 1));
        assertEquals(Optional.of(new BatchLine.Point(0)), BatchLine.parse("point 0", 1));
        assertEquals(Optional.of(new BatchLine.Fit()), BatchLine.parse("fit", 1));
        assertEquals(Optional.of(new BatchLine.Verify(30)), BatchLine.parse("verify 30", 1));
        assertEquals(Optional.of(new BatchLine.Save()), BatchLine.parse("save", 1));
        assertEquals(Optional.of(new BatchLine.Quit()), BatchLine.parse("quit", 1));
        assertEquals(Optional.of(new BatchLine.Retake(3)), BatchLine.parse("retake 3", 1));
    }

    @Test
    void blankAndCommentLinesAreSkipped() throws BadInputException {
        assertEquals(Optional.empty(), BatchLine.parse("", 1));
        assertEquals(Optional.empty(), BatchLine.parse("   \t", 1));
        assertEquals(Optional.empty(), BatchLine.parse("# zero first", 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pointx 20    | line 3 'pointx 20': 'pointx' is not a command (commands: zero, point KG, retake N, fit, verify KG, save, quit)",
        "point        | line 3 'point': point takes one argument, the mass hanging in kg (e.g. point 20)",
        "point 10 20  | line 3 'point 10 20': point takes one argument",
        "point abc    | line 3 'point abc': 'abc' is not a mass in kg",
        "point -5     | line 3 'point -5': '-5' is not a mass in kg",
        "point 1e3    | line 3 'point 1e3': '1e3' is not a mass in kg",
        "point NaN    | line 3 'point NaN': 'NaN' is not a mass in kg",
        "point 2500   | line 3 'point 2500': 2500 kg is above the largest reference mass accepted, 2000 kg",
        "verify 0     | line 3 'verify 0': the mass must be above 0 kg, not 0",
        "zero 5       | line 3 'zero 5': zero takes no argument",
        "save now     | line 3 'save now': save takes no argument",
        "retake       | line 3 'retake': retake takes one argument, the number of the point to take again",
        "retake 0     | line 3 'retake 0': retake takes one argument, the number of the point",
        "retake two   | line 3 'retake two': retake takes one argument",
    })
    void aMalformedLineIsRejectedNamingLineAndProblem(String line, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> BatchLine.parse(line, 3));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
