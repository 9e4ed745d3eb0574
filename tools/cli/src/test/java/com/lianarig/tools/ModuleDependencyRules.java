package com.lianarig.tools;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module dependency rules of SPEC section 2 (and STYLE rule 1), for the packages of one code
 * base: {@code ROOT.protocol} (firmware-protocol), {@code ROOT.hal}, {@code ROOT.config},
 * {@code ROOT.controller}, {@code ROOT.tools}, {@code ROOT.sim} (the virtual rig) with
 * {@code ROOT.sim.hal} (virtual-hal: hal's devices over the virtual rig), and the packages of the
 * hardware libraries (Pi4J, jSerialComm).
 *
 * <p>{@link ModuleDependencyRulesTest} applies {@link #rig()} to the product's classes;
 * {@link ModuleDependencyRulesCatchViolationsTest} applies the same rules to fixtures under another
 * root that break each one, so a rule that silently stops matching fails there. Every rule allows
 * an empty set of classes: most modules hold only a package-info today.
 */
final class ModuleDependencyRules {
    private final String root;
    private final String[] hardwarePackages;

    /**
     * @param root the package every module package sits under
     * @param hardwarePackages ArchUnit package patterns of the hardware libraries
     */
    ModuleDependencyRules(String root, String... hardwarePackages) {
        this.root = root;
        this.hardwarePackages = hardwarePackages.clone();
    }

    /** The rules for the rig's own packages. */
    static ModuleDependencyRules rig() {
        return new ModuleDependencyRules("com.lianarig", "com.pi4j..", "com.fazecast..");
    }

    private String module(String name) {
        return root + "." + name + "..";
    }

    /** Every rule, for a check that runs them all. */
    List<ArchRule> all() {
        return List.of(protocolDependsOnNoOtherModule(), protocolUsesOnlyTheJdkAndSlf4j(),
                configDependsOnNoOtherModule(), halDependsOnlyOnProtocol(), controllerStaysOffHardwareToolsAndSim(),
                onlyToolsDependOnTools(), onlyHalUsesHardwareLibraries(), virtualRigDependsOnlyOnProtocol(),
                virtualHalDependsOnlyOnHalVirtualRigAndProtocol());
    }

    /** firmware-protocol is the bottom layer: no other module of ours. */
    ArchRule protocolDependsOnNoOtherModule() {
        return dependsOnlyOnModules("protocol")
                .because("firmware-protocol depends on nothing but SLF4J (SPEC section 2)");
    }

    /** firmware-protocol does no I/O through libraries: the JDK and SLF4J only. */
    ArchRule protocolUsesOnlyTheJdkAndSlf4j() {
        return classes().that().resideInAPackage(module("protocol"))
                .should().onlyDependOnClassesThat().resideInAnyPackage(module("protocol"), "java..", "org.slf4j..")
                .because("firmware-protocol depends on nothing but SLF4J (SPEC section 2)")
                .allowEmptyShould(true);
    }

    /** config stands alone, so tools and tests can load and validate a rig file without hardware. */
    ArchRule configDependsOnNoOtherModule() {
        return dependsOnlyOnModules("config")
                .because("config depends on nothing but SLF4J and a parser (SPEC section 2)");
    }

    /** hal talks the protocol and nothing above it. */
    ArchRule halDependsOnlyOnProtocol() {
        return dependsOnlyOnModules("hal", "protocol")
                .because("hal depends only on firmware-protocol (SPEC section 2)");
    }

    /**
     * The virtual rig speaks the protocol and nothing above it, so anything may simulate with it;
     * virtual-hal sits on top of it, not inside it.
     */
    ArchRule virtualRigDependsOnlyOnProtocol() {
        DescribedPredicate<JavaClass> virtualRig = resideInAPackage(module("sim"))
                .and(not(resideInAPackage(module("sim.hal"))));
        DescribedPredicate<JavaClass> permitted = virtualRig.or(resideInAPackage(module("protocol")));
        return noClasses().that(virtualRig.as("reside in the virtual rig (" + module("sim") + " but not "
                        + module("sim.hal") + ")"))
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(permitted))
                        .as("reside in a module of ours other than the virtual rig and the protocol"))
                .because("virtual-rig depends only on firmware-protocol (docs/virtual-rig.md)")
                .allowEmptyShould(true);
    }

    /** virtual-hal adapts the virtual rig to hal's role interfaces: those two and the protocol, nothing above. */
    ArchRule virtualHalDependsOnlyOnHalVirtualRigAndProtocol() {
        return dependsOnlyOnModules("sim.hal", "hal", "sim", "protocol")
                .because("virtual-hal depends on hal and virtual-rig only (docs/virtual-rig.md)");
    }

    /**
     * The control logic reaches hardware only through hal's interfaces, and never the tools or the
     * simulator (virtual-hal included: the service's main wires it, the controller's tests may use it).
     */
    ArchRule controllerStaysOffHardwareToolsAndSim() {
        String[] banned = Stream.concat(Arrays.stream(hardwarePackages), Stream.of(module("tools"), module("sim")))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(module("controller"))
                .should().dependOnClassesThat().resideInAnyPackage(banned)
                .because("controller never imports com.pi4j or com.fazecast (STYLE rule 1), nor the tools or the"
                        + " virtual rig and virtual-hal (SPEC section 2)")
                .allowEmptyShould(true);
    }

    /** The tools sit on top: nothing else may need them. */
    ArchRule onlyToolsDependOnTools() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(module("tools"))
                .should().dependOnClassesThat().resideInAPackage(module("tools"))
                .because("tools may depend on every module, and no module on the tools (SPEC section 2)")
                .allowEmptyShould(true);
    }

    /** Pi4J and jSerialComm live behind hal's role interfaces. */
    ArchRule onlyHalUsesHardwareLibraries() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(module("hal"))
                .should().dependOnClassesThat().resideInAnyPackage(hardwarePackages)
                .because("jSerialComm and Pi4J adapters sit behind hal's interfaces (STYLE rule 1)")
                .allowEmptyShould(true);
    }

    /** No class of {@code module} depends on a module of ours outside {@code module} and {@code allowed}. */
    private ArchRule dependsOnlyOnModules(String module, String... allowed) {
        String[] permitted = Stream.concat(Stream.of(module), Arrays.stream(allowed)).map(this::module)
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(module(module))
                .should().dependOnClassesThat(resideInAPackage(root + "..").and(not(resideInAnyPackage(permitted))))
                .allowEmptyShould(true);
    }
}
