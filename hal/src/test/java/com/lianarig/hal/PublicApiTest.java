package com.lianarig.hal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No jSerialComm or Pi4J type in hal's public API (STYLE rule 1): the controller depends on hal and
 * must never see {@code com.fazecast} or {@code com.pi4j}. Checks every public or protected member of
 * every public class of hal's main code: parameter, return, field, exception and generic types.
 */
class PublicApiTest {
    private static final List<String> HARDWARE = List.of("com.fazecast", "com.pi4j");

    @Test
    void noHardwareLibraryTypeLeaksThroughThePublicApi() throws Exception {
        List<Class<?>> classes = mainClasses();
        assertTrue(classes.size() > 40, "found hal's classes: " + classes.size());
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers())) {
                    check(c + " constructor", k.getGenericParameterTypes(), leaks);
                    check(c + " constructor throws", k.getGenericExceptionTypes(), leaks);
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic()) {
                    check(c.getName() + "." + m.getName(), m.getGenericParameterTypes(), leaks);
                    check(c.getName() + "." + m.getName() + " returns", new Type[] {m.getGenericReturnType()}, leaks);
                    check(c.getName() + "." + m.getName() + " throws", m.getGenericExceptionTypes(), leaks);
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    check(c.getName() + "." + f.getName(), new Type[] {f.getGenericType()}, leaks);
                }
            }
            check(c.getName() + " extends/implements", Stream.concat(Stream.of(c.getGenericSuperclass()),
                    Stream.of(c.getGenericInterfaces())).filter(t -> t != null).toArray(Type[]::new), leaks);
        }
        assertEquals(List.of(), leaks);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void check(String where, Type[] types, List<String> leaks) {
        for (Type t : types) {
            String name = t.getTypeName();
            for (String banned : HARDWARE) {
                if (name.contains(banned)) {
                    leaks.add(where + ": " + name);
                }
            }
        }
    }

    /** Every class compiled from hal's main sources (the directory or jar holding LoadCellChannel). */
    private static List<Class<?>> mainClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(LoadCellChannel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (!name.endsWith("package-info")) {
                    classes.add(Class.forName(name, false, PublicApiTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
