package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void pairsWithNumbersAndQuotedText() {
        String line = ResultLine.refused("fit", "NOT_VALID", "its \"linearity\" a=b \\ is off")
                .put("countsPerN", 2101.23456, 4).put("residualsN", List.of(0.0123, -0.0004, 1.5), 3)
                .put("valid", false).put("samples", 160).toString();
        assertEquals("command=fit result=refused reason=NOT_VALID message=\"its \\\"linearity\\\" a=b \\\\ is off\""
                + " countsPerN=2101.2346 residualsN=0.012,0.000,1.500 valid=false samples=160", line);
    }

    @Test
    void emptyValuesAreQuoted() {
        assertEquals("command=x result=ok note=\"\"", ResultLine.ok("x").put("note", "").toString());
    }
}
