package com.lianarig.config.rig;

import static com.lianarig.config.rig.RigFiles.example;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.store.SimulatedDisk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/rig-config.md documents every key the loaders accept, and its limits table states each
 * limit's default, range and hard cap exactly as {@link LimitSpec} does.
 */
class RigConfigDocumentTest {
    private static final Path DOC = Path.of("..", "docs", "rig-config.md");
    private static final String PROBE = "zzzNotAKey";

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @ParameterizedTest
    @EnumSource(LimitSpec.class)
    void theLimitsTableStatesEachLimitAsTheCodeDoes(LimitSpec spec) throws IOException {
        String row = LimitsDoc.row(spec);
        assertTrue(doc().contains(row), "docs/rig-config.md lacks the row\n" + row);
    }

    /** The section paths of the rig file, as a path into the example tree. */
    @ParameterizedTest
    @ValueSource(strings = {"", "nodes[0]", "nodes[0].port", "winches[0]", "ropes[0]", "limits", "gpio",
            "gpio.pendant", "gpio.statusLight", "gpio.buzzer", "mqtt", "mqtt.tls", "panels[0]", "journal", "paths",
            "web", "web.tls"})
    void everyKeyOfEverySectionIsDocumented(String section) throws IOException {
        ObjectNode rig = example();
        ((ObjectNode) rig.get("mqtt")).putObject("tls").put("caFile", "ca.pem");
        rig.putObject("web").putObject("tls").put("certFile", "rig.pem").put("keyFile", "rig.key");
        rig.putObject("paths");
        ((ObjectNode) at(rig, section)).put(PROBE, 1);
        List<ConfigError> errors = assertThrows(ConfigException.class, () -> RigFiles.load(rig)).errors();
        assertDocumented(errors, section.isEmpty() ? PROBE : section + "." + PROBE);
    }

    @Test
    void everyKeyOfAClientProfileIsDocumented() throws IOException {
        SimulatedDisk disk = new SimulatedDisk();
        Path dir = Path.of("/p");
        String yaml = "formatVersion: 1\nid: c-1\nstatureMm: 1700\nmassKg: 60\n" + PROBE + ": 1\n"
                + "landmarkHeightsMm: {" + PROBE + ": 1}\nsegmentOffsetsMm: {" + PROBE + ": 1}\n"
                + "presets: [{id: p, exercise: upright-hang, loadSharePercent: 30, " + PROBE + ": 1}]\n";
        disk.createAndWrite(dir.resolve("c-1.yaml"), yaml.getBytes(StandardCharsets.UTF_8));
        List<ConfigError> errors = assertThrows(ConfigException.class, () -> new ProfileStore(dir, disk).load("c-1"))
                .errors();
        for (String section : new String[] {"", "landmarkHeightsMm.", "segmentOffsetsMm.", "presets[0]."}) {
            assertDocumented(errors, section + PROBE);
        }
    }

    private static void assertDocumented(List<ConfigError> errors, String probePath) throws IOException {
        ConfigError e = errors.stream().filter(x -> x.path().equals(probePath)).findFirst()
                .orElseThrow(() -> new AssertionError("no unknown-key error at " + probePath + ": " + errors));
        String keys = e.rule().substring(e.rule().indexOf("its keys are ") + "its keys are ".length());
        List<String> missing = new ArrayList<>();
        String doc = doc();
        for (String key : keys.split(", ")) {
            if (!Pattern.compile("[`.]" + Pattern.quote(key) + "`").matcher(doc).find()) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "keys of " + probePath + " missing from docs/rig-config.md");
        assertFalse(keys.isBlank());
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        if (path.isEmpty()) {
            return n;
        }
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                n = n.get(part);
            } else {
                n = n.get(part.substring(0, bracket)).get(Integer.parseInt(part.substring(bracket + 1,
                        part.length() - 1)));
            }
        }
        return n;
    }
}
