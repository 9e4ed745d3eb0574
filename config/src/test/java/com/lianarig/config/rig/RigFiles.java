package com.lianarig.config.rig;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The example rig file, as text or as a tree to edit, and loading edited versions of it. */
final class RigFiles {
    /** The example, relative to the module directory (Surefire's working directory). */
    static final Path EXAMPLE = Path.of("examples", "rig.yaml");
    /** Where tests pretend an edited rig file lives. */
    static final Path FILE = Path.of("/srv/rigs/rig.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private RigFiles() {
    }

    static String exampleText() {
        try {
            return Files.readString(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, editable tree of the example. */
    static ObjectNode example() {
        try {
            return (ObjectNode) YAML.readTree(exampleText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String yaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RigConfigLoader loader() {
        return new RigConfigLoader(Map.of());
    }

    static RigConfig load(JsonNode tree) throws ConfigException {
        return loader().parse(yaml(tree), FILE);
    }

    static RigConfig load(String text) throws ConfigException {
        return loader().parse(text, FILE);
    }

    /** The errors of a tree that must not load. */
    static List<ConfigError> errors(JsonNode tree) {
        return assertThrows(ConfigException.class, () -> load(tree)).errors();
    }

    /** The errors of text that must not load. */
    static List<ConfigError> errors(String text) {
        return assertThrows(ConfigException.class, () -> load(text)).errors();
    }

    static ObjectNode rope(ObjectNode rig, int i) {
        return (ObjectNode) rig.withArray("ropes").get(i);
    }

    static ObjectNode winch(ObjectNode rig, int i) {
        return (ObjectNode) rig.withArray("winches").get(i);
    }

    static ObjectNode node(ObjectNode rig, int i) {
        return (ObjectNode) rig.withArray("nodes").get(i);
    }
}
