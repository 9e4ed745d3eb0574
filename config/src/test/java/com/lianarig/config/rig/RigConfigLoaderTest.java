package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.errorAt;
import static com.lianarig.config.rig.ErrorAssertions.onlyError;
import static com.lianarig.config.rig.RigFiles.errors;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.exampleText;
import static com.lianarig.config.rig.RigFiles.load;
import static com.lianarig.config.rig.RigFiles.node;
import static com.lianarig.config.rig.RigFiles.rope;
import static com.lianarig.config.rig.RigFiles.winch;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of mistake in a rig file is reported with its file, line, path, value and rule. */
class RigConfigLoaderTest {

    @Test
    void limitAboveTheRatedWorkingLoadNamesFileLinePathValueAndRule() {
        String text = exampleText().replace("    limitKg: 100\n    stiffnessNPerMm: 40\n  - id: right-loop",
                "    limitKg: 180\n    stiffnessNPerMm: 40\n  - id: right-loop");
        int line = lineOf(text, "limitKg: 180");
        ConfigError e = onlyError(errors(text));
        assertEquals("/srv/rigs/rig.yaml", e.file());
        assertEquals("ropes[2].limitKg", e.path());
        assertEquals(line, e.line());
        assertEquals("180", e.value());
        assertTrue(e.message().startsWith("/srv/rigs/rig.yaml:" + line + ":"), e.message());
        assertTrue(e.message().contains("ropes[2].limitKg: 180 is above the rope's ratedWorkingLoadKg 150"),
                e.message());
    }

    @Test
    void ropeLimitDefaultsTo150KgOrTheRatedWorkingLoadWhenLower() throws Exception {
        ObjectNode rig = example();
        rope(rig, 0).remove("limitKg");
        rope(rig, 2).remove("limitKg");
        rope(rig, 2).put("ratedWorkingLoadKg", 120);
        RigConfig loaded = load(rig);
        assertEquals(150, loaded.ropes().get(0).limitKg());
        assertEquals(120, loaded.ropes().get(2).limitKg());
    }

    @Test
    void unknownKeyIsRejectedWithTheNearestKnownKey() {
        ObjectNode rig = example();
        rope(rig, 1).put("limtKg", 140);
        ConfigError e = onlyError(errors(rig));
        assertEquals("ropes[1].limtKg", e.path());
        assertTrue(e.rule().contains("is not a key of a rope (did you mean limitKg?)"), e.rule());
    }

    @Test
    void unknownKeysAreRejectedAtEveryLevel() {
        ObjectNode rig = example();
        rig.put("colour", "red");
        ((ObjectNode) rig.get("limits")).put("descentSpeed", 40);
        ((ObjectNode) rig.get("gpio").get("pendant")).put("stopPin", 4);
        ((ObjectNode) node(rig, 0).get("port")).put("speed", 9600);
        List<ConfigError> errors = errors(rig);
        assertEquals(4, errors.size(), ErrorAssertions.list(errors));
        errorAt(errors, "colour", "is not a key of a rig file");
        errorAt(errors, "limits.descentSpeed", "is not a key of the limits section");
        errorAt(errors, "gpio.pendant.stopPin", "is not a key");
        errorAt(errors, "nodes[0].port.speed", "is not a key");
    }

    @Test
    void wrongTypesAreReportedWithTheValueAsWritten() {
        ObjectNode rig = example();
        node(rig, 0).put("address", "one");
        winch(rig, 0).put("travelMm", true);
        rope(rig, 0).put("channel", "0");
        rope(rig, 1).putArray("kind").add("leg-strap");
        rig.put("panels", "trainer-tablet");
        List<ConfigError> errors = errors(rig);
        assertEquals(5, errors.size(), ErrorAssertions.list(errors));
        assertEquals("\"one\"", errorAt(errors, "nodes[0].address", "is not a number").value());
        assertEquals("true", errorAt(errors, "winches[0].travelMm", "is not a number").value());
        errorAt(errors, "ropes[0].channel", "is not a number (remove the quotes)");
        assertEquals("a list", errorAt(errors, "ropes[1].kind", "is not one of leg-strap, finger-loop").value());
        errorAt(errors, "panels", "is not a list");
    }

    @Test
    void outOfRangeValuesAreReportedWithTheirBounds() {
        ObjectNode rig = example();
        node(rig, 0).put("address", 128);
        winch(rig, 2).put("index", 8);
        rope(rig, 3).put("channel", -1);
        List<ConfigError> errors = errors(rig);
        assertEquals(3, errors.size(), ErrorAssertions.list(errors));
        errorAt(errors, "nodes[0].address", "is above the maximum 127");
        errorAt(errors, "winches[2].index", "is above the maximum 7");
        errorAt(errors, "ropes[3].channel", "is below the minimum 0");
    }

    @Test
    void wholeNumbersAreRequiredWhereCountsAreMeant() {
        ObjectNode rig = example();
        node(rig, 0).put("address", 1.5);
        errorAt(errors(rig), "nodes[0].address", "is not a whole number");
    }

    @Test
    void missingRequiredKeysAreNamedWithWhatIsExpected() {
        ObjectNode rig = example();
        rope(rig, 0).remove("kind");
        rig.remove("mqtt");
        List<ConfigError> errors = errors(rig);
        assertEquals(2, errors.size(), ErrorAssertions.list(errors));
        ConfigError kind = errorAt(errors, "ropes[0].kind", "is required: one of leg-strap, finger-loop");
        assertNull(kind.value());
        errorAt(errors, "mqtt", "is required");
    }

    @Test
    void anEmptyValueIsNotTakenAsTheDefault() {
        String text = exampleText().replace("  descentMmPerS: 50 ", "  descentMmPerS:    ");
        errorAt(errors(text), "limits.descentMmPerS", "has no value");
    }

    @Test
    void severalErrorsAreReportedAtOnceInFileOrder() {
        String text = exampleText()
                .replace("address: 1 ", "address: 0 ")
                .replace("drumRadiusMm: 40\n    countsPerMm: 79.5775\n    travelMm: 1200",
                        "drumRadiusMm: 4000\n    countsPerMm: 79.5775\n    travelMm: 1200")
                .replace("  ascentMmPerS: 80 ", "  ascentMmPerS: 151")
                .replace("  debounceMs: 10", "  debounceMs: 10\n  bounce: 3");
        ConfigException e = assertThrows(ConfigException.class, () -> load(text));
        List<ConfigError> errors = e.errors();
        assertEquals(List.of("nodes[0].address", "winches[2].drumRadiusMm", "limits.ascentMmPerS", "gpio.bounce"),
                errors.stream().map(ConfigError::path).toList());
        for (int i = 1; i < errors.size(); i++) {
            assertTrue(errors.get(i - 1).line() < errors.get(i).line(), ErrorAssertions.list(errors));
        }
        assertTrue(e.getMessage().startsWith("4 errors:"), e.getMessage());
        for (ConfigError err : errors) {
            assertTrue(e.getMessage().contains(err.message()), e.getMessage());
        }
    }

    @Test
    void malformedYamlIsOneErrorWithLineAndColumn() {
        String text = "formatVersion: 1\nnodes: [1, 2\nropes: 3\n";
        ConfigError e = onlyError(errors(text));
        assertEquals(3, e.line());
        assertTrue(e.column() > 0);
        assertTrue(e.rule().startsWith("is not valid YAML:"), e.rule());
        assertFalse(e.message().contains("Exception"), e.message());
    }

    @Test
    void aTabIndentIsMalformedYamlNotACrash() {
        ConfigError e = onlyError(errors("formatVersion: 1\nnodes:\n\t- id: x\n"));
        assertTrue(e.rule().startsWith("is not valid YAML:"), e.rule());
        assertTrue(e.line() >= 2, e.message());
    }

    @Test
    void duplicateKeysAliasesAndExtraDocumentsAreReportedNotSilentlyDropped() {
        List<ConfigError> dup = errors(exampleText().replace("  ascentMmPerS: 80 ",
                "  descentMmPerS: 90\n  ascentMmPerS: 80 "));
        errorAt(dup, "limits.descentMmPerS", "is a duplicate key");

        List<ConfigError> alias = errors(exampleText().replace("  ascentMmPerS: 80 ",
                "  ascentMmPerS: &a 80\n  accelMmPerS2: *a\n  x: 1 "));
        errorAt(alias, "limits.accelMmPerS2", "is a YAML alias");

        List<ConfigError> docs = errors(exampleText() + "\n---\nformatVersion: 1\n");
        errorAt(docs, "", "holds more than one document");
    }

    @Test
    void emptyFileAndNonMappingRootAreReported() {
        assertEquals("is empty", onlyError(errors("")).rule());
        assertEquals("is empty", onlyError(errors("# nothing but a comment\n")).rule());
        assertTrue(onlyError(errors("- a\n- b\n")).rule().startsWith("is not a mapping"));
        assertTrue(onlyError(errors("42\n")).rule().startsWith("is not a mapping"));
    }

    @Test
    void anotherFormatVersionIsRefused() {
        ObjectNode rig = example();
        rig.put("formatVersion", 2);
        errorAt(errors(rig), "formatVersion", "is not a format this software reads");
    }

    @Test
    void missingFileAndNonUtf8FileAreOneClearError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> RigFiles.loader().load(missing));
        assertEquals(missing + ": does not exist", e.getMessage());

        Path latin1 = dir.resolve("latin1.yaml");
        Files.write(latin1, "formatVersion: 1 # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(ConfigException.class, () -> RigFiles.loader().load(latin1));
        assertEquals(latin1 + ": is not UTF-8 text", e.getMessage());
    }

    @Test
    void aDirectoryIsNotARigFile(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> RigFiles.loader().load(dir));
        assertEquals(dir + ": is a directory, not a rig file", e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }

    @Test
    void aByteOrderMarkIsAccepted(@TempDir Path dir) throws Exception {
        Path withBom = dir.resolve("rig.yaml");
        Files.writeString(withBom, "\uFEFF" + exampleText());
        assertEquals(4, RigFiles.loader().load(withBom).ropes().size());
    }

    /**
     * YAML 1.1 (the parser's) reads {@code 010} as octal 8, {@code 1_0} as 10 and {@code 0x10} as 16,
     * where YAML 1.2 and people read them otherwise: a rig file's numbers are plain decimal, and anything
     * else is one error with the file, line, path and value, never a silent reading.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "010  | has a leading 0",
        "08   | has a leading 0",
        "-07  | has a leading 0",
        "0x10 | is hexadecimal",
        "0o10 | is octal",
        "0b11 | is binary",
        "1_0  | has underscores",
        "1:30 | is base 60",
    })
    void aNumberNotInPlainDecimalIsOneErrorWithFileAndLine(String written, String rule) {
        String text = exampleText().replace("    address: 1 ", "    address: " + written + " ");
        int line = lineOf(text, "address: " + written);
        ConfigError e = onlyError(errors(text));
        assertEquals("nodes[0].address", e.path());
        assertEquals(line, e.line());
        assertEquals(written, e.value());
        assertTrue(e.rule().contains(rule), e.message());
        assertTrue(e.message().startsWith("/srv/rigs/rig.yaml:" + line + ":"), e.message());
    }

    @Test
    void aLeadingZeroWhereTextIsMeantSaysToQuoteIt() {
        String text = exampleText().replace("    serial: VR-0001 ", "    serial: 0042 ");
        ConfigError e = onlyError(errors(text));
        assertEquals("nodes[0].serial", e.path());
        assertTrue(e.rule().contains("quote"), e.message());

        String quoted = exampleText().replace("    serial: VR-0001 ", "    serial: \"0042\" ");
        assertDoesNotThrow(() -> RigFiles.load(quoted));
    }

    @Test
    void plainDecimalNumbersStillLoad() {
        String text = exampleText().replace("    address: 1 ", "    address: +1 ");
        assertEquals(1, assertDoesNotThrow(() -> RigFiles.load(text)).nodes().get(0).address());
    }

    /** A FIFO (or a device) would block the read forever, or never end: refused before it is opened. */
    @Test
    void aFifoIsRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("rig.yaml");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());

        ConfigException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> assertThrows(ConfigException.class, () -> RigFiles.loader().load(fifo)));
        assertEquals(fifo + ": is not a regular file (a FIFO, socket or device): give the rig file itself",
                e.getMessage());
    }

    @Test
    void aDeviceIsRefusedAtOnce() {
        Path zero = Path.of("/dev/zero");
        ConfigException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> assertThrows(ConfigException.class, () -> RigFiles.loader().load(zero)));
        assertTrue(e.getMessage().startsWith("/dev/zero: is not a regular file"), e.getMessage());
    }

    private static int lineOf(String text, String fragment) {
        int at = text.indexOf(fragment);
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
