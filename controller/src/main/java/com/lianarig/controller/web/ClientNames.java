package com.lianarig.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names the studio gave its clients, by opaque profile id (SPEC section 6a: the trainer picks the
 * client by name; names are shown only to paired panels, never published). The rig's profiles hold no
 * name (config's {@code ClientProfile}); the studio keeps them in {@code <dataDir>/panels/}{@value #FILE}:
 *
 * <pre>{"c-0042": "Anna K.", "c-0043": "Ben"}</pre>
 *
 * <p>Read at every request (the studio may edit it while the rig runs); a name that is not a short
 * one-line text is skipped and logged. Thread-safe.
 */
public final class ClientNames {
    private static final Logger log = LoggerFactory.getLogger(ClientNames.class);
    public static final String FILE = "client-names.json";
    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public ClientNames(Path dataDir) {
        this.file = dataDir.resolve(PairingStore.DIR).resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /** Every name, by client id; empty when the studio keeps none (or the file is unreadable, logged). */
    public Map<String, String> all() {
        Map<String, String> names = new LinkedHashMap<>();
        try {
            if (Files.size(file) > MAX_BYTES) {
                log.error("{} is larger than 1 MiB: client names ignored", file);
                return names;
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                log.error("{} is not a JSON object of client id -> name: client names ignored", file);
                return names;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getValue().isTextual() ? e.getValue().asText().strip() : null;
                if (name == null || DeviceNames.problem(name) != null) {
                    log.warn("{}: the name of client {} is not a short one-line text: skipped", file, e.getKey());
                    continue;
                }
                names.put(e.getKey(), name);
            }
        } catch (NoSuchFileException e) {
            return names;
        } catch (IOException e) {
            log.error("{} cannot be read ({}): client names ignored", file, e.getMessage());
        }
        return names;
    }
}
