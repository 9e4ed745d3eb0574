package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MassListTest {

    @Test
    void readsMassesInTheOrderGiven() throws BadInputException {
        MassList m = MassList.parse("10, 20,50,12.5");
        assertEquals(List.of(10.0, 20.0, 50.0, 12.5), m.massesKg());
        assertEquals(50, m.largestKg());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10,,50     | '10,,50': mass 2 is empty",
        "10,abc     | '10,abc': mass 2: 'abc' is not a mass in kg",
        "0,10       | '0,10': mass 1: the mass must be above 0 kg, not 0",
        "10;20      | '10;20': mass 1: '10;20' is not a mass in kg",
        "10,3000    | '10,3000': mass 2: 3000 kg is above the largest reference mass accepted",
    })
    void aBadListIsRejectedNamingTheItem(String text, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> MassList.parse(text));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void atMost49Masses() {
        String fifty = String.join(",", java.util.Collections.nCopies(50, "10"));
        BadInputException e = assertThrows(BadInputException.class, () -> MassList.parse(fifty));
        assertTrue(e.getMessage().contains("has 50 masses: at most 49"), e.getMessage());
    }
}
