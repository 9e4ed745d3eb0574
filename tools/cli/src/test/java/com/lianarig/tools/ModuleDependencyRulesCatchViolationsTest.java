package com.lianarig.tools;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves each module rule is real: applied to the fixtures in {@code com.lianarig.tools.archfixture},
 * it reports exactly the {@code Bad*} classes that break it, and nothing once they are left out.
 */
class ModuleDependencyRulesCatchViolationsTest {
    private static final String FIXTURES = "com.lianarig.tools.archfixture";

    private static JavaClasses fixtures;
    private static JavaClasses allowedOnly;

    private final ModuleDependencyRules rules = new ModuleDependencyRules(FIXTURES + ".rig",
            FIXTURES + ".vendor.gpio..", FIXTURES + ".vendor.serial..");

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURES);
        allowedOnly = fixtures.that(not(simpleNameStartingWith("Bad")));
    }

    private static Set<String> violators(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        Set<String> names = new TreeSet<>();
        result.handleViolations((Collection<Dependency> dependencies, String message) ->
                dependencies.forEach(d -> names.add(d.getOriginClass().getSimpleName())));
        if (result.hasViolation()) {
            assertFalse(names.isEmpty(), "violations that are not dependencies: " + result.getFailureReport());
        }
        return names;
    }

    private static void assertCatches(ArchRule rule, String... expectedViolators) {
        assertAll(
                () -> assertEquals(new TreeSet<>(Set.of(expectedViolators)), violators(rule, fixtures),
                        rule.getDescription()),
                () -> assertEquals(Set.of(), violators(rule, allowedOnly), rule.getDescription()));
    }

    @Test
    void protocolReachingIntoAnotherModuleIsCaught() {
        assertCatches(rules.protocolDependsOnNoOtherModule(), "BadProtocolUsesHal");
    }

    @Test
    void protocolUsingALibraryIsCaught() {
        assertCatches(rules.protocolUsesOnlyTheJdkAndSlf4j(), "BadProtocolUsesHal", "BadProtocolUsesSerialPort");
    }

    @Test
    void configReachingIntoAnotherModuleIsCaught() {
        assertCatches(rules.configDependsOnNoOtherModule(), "BadConfigUsesProtocol");
    }

    @Test
    void halReachingAboveTheProtocolIsCaught() {
        assertCatches(rules.halDependsOnlyOnProtocol(), "BadHalUsesConfig");
    }

    @Test
    void controllerTouchingHardwareToolsOrSimIsCaught() {
        assertCatches(rules.controllerStaysOffHardwareToolsAndSim(),
                "BadControllerUsesGpio", "BadControllerUsesSim", "BadControllerUsesTools", "BadControllerUsesVirtualHal");
    }

    @Test
    void aModuleDependingOnTheToolsIsCaught() {
        assertCatches(rules.onlyToolsDependOnTools(), "BadControllerUsesTools");
    }

    @Test
    void hardwareLibrariesOutsideHalAreCaught() {
        assertCatches(rules.onlyHalUsesHardwareLibraries(),
                "BadControllerUsesGpio", "BadProtocolUsesSerialPort", "BadToolsUsesSerialPort");
    }

    @Test
    void theVirtualRigReachingIntoAnotherModuleIsCaught() {
        assertCatches(rules.virtualRigDependsOnlyOnProtocol(), "BadSimUsesHal", "BadSimUsesVirtualHal");
    }

    @Test
    void virtualHalReachingAboveHalIsCaught() {
        assertCatches(rules.virtualHalDependsOnlyOnHalVirtualRigAndProtocol(), "BadVirtualHalUsesConfig");
    }

    @Test
    void everyRuleHasAFixtureThatBreaksIt() {
        for (ArchRule rule : rules.all()) {
            assertFalse(violators(rule, fixtures).isEmpty(), "no fixture breaks: " + rule.getDescription());
        }
    }
}
