package com.lianarig.controller.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the MQTT contract's human-readable parts (docs/mqtt.md, the example files) for the tests that keep them in step. */
final class MqttDocs {
    /** The repository, seen from the controller module (Maven runs tests there). */
    static final Path REPO = Path.of("..");
    static final Path DOC = REPO.resolve("docs/mqtt.md");
    static final Path ASYNCAPI = REPO.resolve("docs/mqtt/asyncapi.yaml");
    static final Path EXAMPLES = REPO.resolve("docs/mqtt/examples");
    static final Path SCHEMA_DIR = Path.of("src/main/resources/mqtt/schemas");

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");

    private MqttDocs() {
    }

    /**
     * One row of the topic table.
     *
     * @param topic as written, e.g. {@code R/cmd/<panelId>}
     * @param direction e.g. {@code rig -> all}
     * @param qos the QoS the publisher uses
     * @param retained whether the publisher sets retain
     */
    record TopicRow(String topic, String direction, int qos, boolean retained) {
        /** Whether the rig publishes on it (else panels do and the rig receives). */
        boolean rigPublishes() {
            return direction.startsWith("rig ");
        }

        /** The AsyncAPI channel name: {@code R} as {@code {topicRoot}}, {@code <x>} as {@code {x}}. */
        String channel() {
            return "{topicRoot}" + topic.substring(1).replaceAll("<([A-Za-z]+)>", "{$1}");
        }
    }

    /** A fenced json block (or inline birth/will example) of docs/mqtt.md with the heading it is under. */
    record JsonExample(String heading, String json) {
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /** The rows of the table under "## Topics". */
    static List<TopicRow> topicTable() {
        List<TopicRow> rows = new ArrayList<>();
        for (List<String> cells : table("## Topics", "topic")) {
            String topic = code(cells.get(0)).get(0);
            int qos = Integer.parseInt(cells.get(2));
            boolean retained = switch (cells.get(3)) {
                case "yes" -> true;
                case "no", "never" -> false;
                default -> throw new IllegalStateException("docs/mqtt.md: retained \"" + cells.get(3) + "\" for " + topic);
            };
            rows.add(new TopicRow(topic, cells.get(1), qos, retained));
        }
        return rows;
    }

    /** Every command of the command table with its field names (in table order). */
    static Map<String, List<String>> commandTable() {
        Map<String, List<String>> commands = new LinkedHashMap<>();
        for (List<String> cells : table("## Commands", "command")) {
            // Field names are the code spans outside parentheses: "`held` (bool), `clockMs` (int, ...)".
            List<String> fields = code(cells.get(1).replaceAll("\\([^)]*\\)", ""));
            for (String name : code(cells.get(0))) {
                commands.put(name, fields);
            }
        }
        return commands;
    }

    /** The fenced json blocks and the inline {@code `{...}`} examples, each with the "## " heading above it. */
    static List<JsonExample> jsonExamples() {
        List<JsonExample> out = new ArrayList<>();
        String heading = "";
        StringBuilder block = null;
        for (String line : read(DOC).split("\n", -1)) {
            if (block != null) {
                if (line.startsWith("```")) {
                    out.add(new JsonExample(heading, block.toString()));
                    block = null;
                } else {
                    block.append(line).append('\n');
                }
            } else if (line.startsWith("```json")) {
                block = new StringBuilder();
            } else {
                if (line.startsWith("## ")) {
                    heading = line.substring(3).trim();
                }
                for (String span : code(line)) {
                    // a span in {{ }} is a Home Assistant value template, not a payload
                    if (span.startsWith("{") && span.endsWith("}") && !span.startsWith("{{")) {
                        out.add(new JsonExample(heading, span));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> code(String text) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            spans.add(m.group(1));
        }
        return spans;
    }

    /** The body rows (cells trimmed) of the first table under {@code heading} whose first header cell is {@code firstColumn}. */
    private static List<List<String>> table(String heading, String firstColumn) {
        List<List<String>> rows = new ArrayList<>();
        boolean inSection = false;
        boolean inTable = false;
        for (String line : read(DOC).split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (inTable) {
                    break;
                }
                inSection = line.trim().equals(heading);
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            List<String> cells = cells(line);
            if (!inTable) {
                inTable = cells.get(0).equals(firstColumn);
            } else if (!cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("docs/mqtt.md has no table starting \"| " + firstColumn + " |\" under " + heading);
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.trim();
        inner = inner.substring(1, inner.endsWith("|") ? inner.length() - 1 : inner.length());
        List<String> cells = new ArrayList<>();
        for (String c : inner.split("\\|", -1)) {
            cells.add(c.trim());
        }
        return cells;
    }
}
