package com.lianarig.config.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Parses a user's file into a tree, recording where each key and value sits.
 *
 * <p>Two passes over the text: a streaming pass records the line and column of every path (for
 * {@link Problems}) and reports what the tree would silently hide (a duplicate key, whose earlier
 * value the tree drops; a YAML alias, which Jackson returns as its anchor's name; a second
 * document, which the tree ignores); then Jackson builds the tree. Malformed text becomes one error
 * with its line and column. Sizes and nesting are bounded, so no input makes the parser run away.
 */
public final class Documents {
    /** The largest file read, characters. */
    public static final int MAX_CHARS = 1 << 20;
    private static final int MAX_DEPTH = 40;

    /** The syntax of a file. */
    public enum Format {
        YAML, JSON
    }

    private static final JsonFactory YAML_FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(constraints())
            .build();
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .streamReadConstraints(constraints())
            .build();
    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(YAML_FACTORY);
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper(JSON_FACTORY);

    private Documents() {
    }

    /**
     * Parses {@code text}, reporting into {@code problems}.
     *
     * @return the root of the tree, or null when the text cannot be parsed or is empty (reported)
     */
    /**
     * Reads a whole stored file: UTF-8 text, parsed, then built by {@code body} from its root
     * mapping; every problem found on the way is reported at once.
     *
     * @param file the file's name for messages
     * @param what what the root should be, for messages (e.g. "a client profile")
     * @throws ConfigException listing every problem
     */
    public static <T> T read(byte[] bytes, String file, Format format, String what,
            java.util.function.Function<ObjectReader, T> body) throws com.lianarig.config.ConfigException {
        Problems problems = new Problems(file);
        String text = Texts.utf8(bytes, problems);
        JsonNode root = text == null ? null : parse(text, format, problems);
        ObjectReader r = ObjectReader.root(problems, root, what);
        T result = r == null ? null : r.build(body);
        problems.throwIfAny();
        return result;
    }

    public static JsonNode parse(String text, Format format, Problems problems) {
        if (text.length() > MAX_CHARS) {
            problems.addAt(null, "is larger than " + (MAX_CHARS >> 10) + " KiB: not a file of this kind");
            return null;
        }
        JsonFactory factory = format == Format.YAML ? YAML_FACTORY : JSON_FACTORY;
        try {
            if (!scan(factory, text, problems)) {
                problems.addAt(null, "is empty");
                return null;
            }
            JsonNode root = (format == Format.YAML ? YAML_MAPPER : JSON_MAPPER).readTree(text);
            if (root == null || root.isMissingNode()) {
                problems.addAt(null, "is empty");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.addAt(position(e.getLocation()), "is not valid " + format + ": " + reason(e));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.addAt(null, "cannot be read as " + format + ": " + firstLine(String.valueOf(e.getMessage())));
            return null;
        }
    }

    /** The streaming pass: positions, duplicates, aliases, extra documents. Returns whether there was a root. */
    private static boolean scan(JsonFactory factory, String text, Problems problems) throws IOException {
        Set<String> keys = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return false;
            }
            int depth = 0;
            do {
                String path = pathOf(p.getParsingContext());
                Position at = position(p.currentTokenLocation());
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        problems.positionIfAbsent(path, at);
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME -> {
                        problems.positionIfAbsent(path, at);
                        if (!keys.add(path) && !insideAny(path, duplicates)) {
                            duplicates.add(path);
                            problems.addAt(at, path, null,
                                    "is a duplicate key: each key may appear once in a mapping");
                        }
                    }
                    default -> {
                        if (at != null) {
                            problems.position(path, at);
                        }
                        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
                            problems.addAt(at, path, "*" + p.getText(),
                                    "is a YAML alias: aliases are not supported, write the value out");
                        } else if (p instanceof YAMLParser && plainScalar(t, text, p.currentTokenLocation())) {
                            String notation = Notation.problem(p.getText());
                            if (notation != null) {
                                problems.refuse(at, path, p.getText(), notation);
                            }
                        }
                    }
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
            } while (t != null);
            if (p.nextToken() != null) {
                problems.addAt(position(p.currentTokenLocation()),
                        "holds more than one document: a second one starts here");
            }
        }
        return true;
    }

    /**
     * Whether the current token is a scalar written without quotes: a number, or text that YAML read
     * as text although it looks like a number ({@code 08}). Quoted text is text by intent.
     */
    private static boolean plainScalar(JsonToken t, String text, JsonLocation at) {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return true;
        }
        if (t != JsonToken.VALUE_STRING || at == null) {
            return false;
        }
        long offset = at.getCharOffset();
        if (offset < 0 || offset >= text.length()) {
            return false;
        }
        char first = text.charAt((int) offset);
        return first != '"' && first != '\'' && first != '|' && first != '>';
    }

    /** The path of the current token, e.g. {@code ropes[2].limitKg}. */
    static String pathOf(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null; c = c.getParent()) {
            chain.push(c);
        }
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c : chain) {
            if (c.inObject() && c.getCurrentName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(c.getCurrentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                sb.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static boolean insideAny(String path, Set<String> parents) {
        for (String parent : parents) {
            if (path.startsWith(parent + ".") || path.startsWith(parent + "[")) {
                return true;
            }
        }
        return false;
    }

    private static Position position(JsonLocation l) {
        if (l == null || l.getLineNr() < 1 || l.getColumnNr() < 1) {
            return null;
        }
        return new Position(l.getLineNr(), l.getColumnNr());
    }

    private static String reason(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m) {
                String problem = oneLine(m.getProblem());
                String context = oneLine(m.getContext());
                if (context.isEmpty()) {
                    return problem;
                }
                return problem.isEmpty() ? context : problem + " (" + context + ")";
            }
        }
        return oneLine(e.getOriginalMessage());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setAllowDuplicateKeys(true);
        o.setMaxAliasesForCollections(10);
        o.setNestingDepthLimit(MAX_DEPTH);
        o.setCodePointLimit(2 * MAX_CHARS);
        return o;
    }

    private static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(MAX_CHARS)
                .maxNumberLength(100)
                .build();
    }
}
