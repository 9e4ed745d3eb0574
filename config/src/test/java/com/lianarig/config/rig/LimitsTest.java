package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.ErrorAssertions.onlyError;
import static com.lianarig.config.rig.RigFiles.errors;
import static com.lianarig.config.rig.RigFiles.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SPEC section 4's defaults, hard caps rejected (never clamped), and the rules between limits. */
class LimitsTest {

    @Test
    void defaultsAreSpecSectionFoursNumbers() {
        Limits d = Limits.defaults();
        Map<String, Double> spec = Map.ofEntries(
                Map.entry("descentMmPerS", 50.0), Map.entry("ascentMmPerS", 80.0), Map.entry("accelMmPerS2", 100.0),
                Map.entry("overspeedPercent", 120.0), Map.entry("loadingRatePercentPerS", 15.0),
                Map.entry("extraLoadMarginKg", 15.0), Map.entry("extraLoadMarginPercentOfBody", 20.0),
                Map.entry("extraLoadHoldMs", 500.0), Map.entry("totalLoadMaxPercentOfBody", 150.0),
                Map.entry("totalLoadHoldMs", 100.0), Map.entry("slackPercentOfExpected", 25.0),
                Map.entry("slackMinExpectedKg", 5.0), Map.entry("imbalancePercentOfSum", 30.0),
                Map.entry("imbalanceHoldMs", 500.0), Map.entry("imbalanceMinSumKg", 10.0),
                Map.entry("sampleMaxAgePeriods", 2.5), Map.entry("negativeLoadKg", 5.0),
                Map.entry("linkTimeoutMs", 100.0), Map.entry("nodeSetpointGapMs", 50.0),
                Map.entry("nodeHeartbeatTimeoutMs", 200.0), Map.entry("enableRefreshMs", 250.0),
                Map.entry("commandLeaseS", 3.0),
                Map.entry("slowZoneMm", 50.0), Map.entry("slowZoneSpeedMmPerS", 10.0),
                Map.entry("followingErrorMm", 20.0), Map.entry("pairDifferenceMm", 10.0),
                Map.entry("brakeDriftMm", 3.0), Map.entry("rescueSpeedMmPerS", 10.0),
                Map.entry("unreferencedJogMmPerS", 10.0), Map.entry("invertedAlarmS", 180.0),
                Map.entry("loopLateMs", 50.0), Map.entry("refinementBoundMm", 60.0),
                Map.entry("controlRateHz", 100.0), Map.entry("tareMaxLoadKg", 2.0),
                Map.entry("loadBandGreenPercent", 80.0), Map.entry("loadBandYellowPercent", 95.0));
        spec.forEach((key, value) -> assertEquals(value, d.get(LimitSpec.byKey(key)), key));
    }

    @Test
    void specCapsAreSpecSectionFoursCaps() {
        assertEquals(100, LimitSpec.DESCENT_MM_PER_S.hardCap());
        assertEquals(150, LimitSpec.ASCENT_MM_PER_S.hardCap());
        assertEquals(300, LimitSpec.ACCEL_MM_PER_S2.hardCap());
        assertTrue(LimitSpec.DESCENT_MM_PER_S.capFromSpec());
    }

    @ParameterizedTest
    @EnumSource(LimitSpec.class)
    void aValueAboveTheRangeIsRejectedNotClamped(LimitSpec spec) {
        ObjectNode rig = example();
        double above = spec.max() + (spec.integer() ? 1 : Math.max(0.01, spec.max() * 0.01));
        ((ObjectNode) rig.get("limits")).put(spec.key(), above);
        ConfigError e = errorAt(errors(rig), "limits." + spec.key(),
                spec.cap() == LimitSpec.Cap.HIGH ? "is above its hard cap" : "is above the maximum");
        assertTrue(e.rule().contains("(" + spec.requirement() + ")"), e.rule());
    }

    @ParameterizedTest
    @EnumSource(LimitSpec.class)
    void aValueBelowTheRangeIsRejected(LimitSpec spec) {
        ObjectNode rig = example();
        double below = spec.min() - (spec.integer() ? 1 : Math.max(0.01, spec.min() * 0.01));
        ((ObjectNode) rig.get("limits")).put(spec.key(), below);
        errorAt(errors(rig), "limits." + spec.key(),
                spec.cap() == LimitSpec.Cap.LOW ? "is below its hard cap" : "is below the minimum");
    }

    @ParameterizedTest
    @EnumSource(LimitSpec.class)
    void theConstructorRejectsEveryValueBeyondItsRange(LimitSpec spec) {
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with(spec, spec.max() + 1));
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with(spec, spec.min() - 1));
        assertThrows(IllegalArgumentException.class, () -> Limits.defaults().with(spec, Double.NaN));
    }

    @Test
    void theDescentCapIsExactlyOneHundred() {
        ObjectNode rig = example();
        ObjectNode limits = (ObjectNode) rig.get("limits");
        limits.put("descentMmPerS", 100.5);
        ConfigError e = onlyError(errors(rig));
        assertEquals("100.5", e.value());
        assertTrue(e.rule().equals("is above its hard cap 100 mm/s (SR-3)"), e.rule());
    }

    @Test
    void limitsLeftOutTakeTheirDefaults() throws Exception {
        ObjectNode rig = example();
        rig.remove("limits");
        assertEquals(Limits.defaults(), RigFiles.load(rig).limits());
        ObjectNode partial = example();
        ((ObjectNode) partial.get("limits")).removeAll().put("descentMmPerS", 40);
        assertEquals(Limits.defaults().with(LimitSpec.DESCENT_MM_PER_S, 40), RigFiles.load(partial).limits());
    }

    @Test
    void theSlowZoneMustCoverTheStoppingDistance() {
        // 100 mm/s with 100 mm/s^2 and 500 mm/s^3: 100/2 x (1 + 0.2) = 60 mm, plus 1 mm in one control period.
        assertEquals(61, Limits.stoppingDistanceMm(100, 100, 500, 100), 1e-9);
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put("descentMmPerS", 100);
        ConfigError e = onlyError(errors(rig));
        assertEquals("limits.slowZoneMm", e.path());
        assertTrue(e.rule().startsWith("does not cover the stopping distance 61 mm from descentMmPerS 100"), e.rule());
    }

    @Test
    void stoppingDistanceWithoutReachingFullDecelerationUsesTheJerkPhaseOnly() {
        // v < a^2/j: t = 2 sqrt(v/j), d = v sqrt(v/j).
        assertEquals(10 * Math.sqrt(10.0 / 500) + 0.1, Limits.stoppingDistanceMm(10, 100, 500, 100), 1e-9);
    }

    @Test
    void slowAndRescueSpeedsStayBelowTheSpeedsTheyRestrict() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put("descentMmPerS", 15).put("rescueSpeedMmPerS", 18)
                .put("attachJogMmPerS", 20);
        var errors = errors(rig);
        errorAt(errors, "limits.rescueSpeedMmPerS", "is above descentMmPerS 15");
        errorAt(errors, "limits.attachJogMmPerS", "is above the slower of ascentMmPerS and descentMmPerS 15");
    }

    @Test
    void theNodeSetPointGapSpansThreeControlPeriods() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put("nodeSetpointGapMs", 20);
        errorAt(errors(rig), "limits.nodeSetpointGapMs", "is shorter than three control periods (30 ms");
    }

    @Test
    void integerLimitsRefuseFractions() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put("linkTimeoutMs", 80.5);
        assertEquals("is not a whole number of ms", onlyError(errors(rig)).rule());
    }

    @Test
    void greenBandEndsBelowYellow() {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("limits")).put("loadBandGreenPercent", 90).put("loadBandYellowPercent", 85);
        errorAt(errors(rig), "limits.loadBandGreenPercent", "is not below loadBandYellowPercent 85");
    }
}
