package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.FrameDecoder;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 2's module boundaries, checked on the production classes of every module the rig CLI
 * depends on (it depends on all of them). Test classes are left out: their fixtures break the rules
 * on purpose ({@link ModuleDependencyRulesCatchViolationsTest}).
 */
class ModuleDependencyRulesTest {
    private static JavaClasses production;
    private final ModuleDependencyRules rules = ModuleDependencyRules.rig();

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.lianarig");
    }

    @Test
    void theImportSeesTheModules() {
        // guards against rules passing because nothing was imported
        assertTrue(production.contain(FrameDecoder.class), "firmware-protocol classes are missing from the import");
        assertTrue(production.contain(RigCommand.class), "tools classes are missing from the import");
        for (String module : new String[] {"hal", "config", "controller", "sim", "sim.hal"}) {
            assertTrue(production.containPackage("com.lianarig." + module),
                    "package com.lianarig." + module + " is missing from the import");
        }
    }

    @Test
    void protocolDependsOnNoOtherModule() {
        rules.protocolDependsOnNoOtherModule().check(production);
    }

    @Test
    void protocolUsesOnlyTheJdkAndSlf4j() {
        rules.protocolUsesOnlyTheJdkAndSlf4j().check(production);
    }

    @Test
    void configDependsOnNoOtherModule() {
        rules.configDependsOnNoOtherModule().check(production);
    }

    @Test
    void halDependsOnlyOnProtocol() {
        rules.halDependsOnlyOnProtocol().check(production);
    }

    @Test
    void controllerStaysOffHardwareToolsAndSim() {
        rules.controllerStaysOffHardwareToolsAndSim().check(production);
    }

    @Test
    void onlyToolsDependOnTools() {
        rules.onlyToolsDependOnTools().check(production);
    }

    @Test
    void onlyHalUsesHardwareLibraries() {
        rules.onlyHalUsesHardwareLibraries().check(production);
    }

    @Test
    void virtualRigDependsOnlyOnProtocol() {
        rules.virtualRigDependsOnlyOnProtocol().check(production);
    }

    @Test
    void virtualHalDependsOnlyOnHalVirtualRigAndProtocol() {
        rules.virtualHalDependsOnlyOnHalVirtualRigAndProtocol().check(production);
    }
}
