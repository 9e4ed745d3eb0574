package com.lianarig.tools.service;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.controller.web.ClientNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The demo studio's clients: a few profiles beside {@code demo-client}, and the names the studio gave
 * them ({@code <dataDir>/panels/client-names.json}), so the web panel's client picker has something to
 * show. Made once per data directory; an existing names file is left as it is.
 */
final class DemoClients {
    private DemoClients() {
    }

    static void create(ProfileStore profiles, Path dataDir) throws IOException {
        profiles.save(new ClientProfile("c-0042", 1680, 62, Map.of(), Map.of(), OptionalDouble.of(1300), List.of()));
        profiles.save(new ClientProfile("c-0043", 1820, 84, Map.of(), Map.of(), OptionalDouble.of(1450), List.of()));
        Path names = new ClientNames(dataDir).file();
        if (!Files.exists(names)) {
            Files.createDirectories(names.getParent());
            Files.writeString(names, "{\n  \"demo-client\": \"Demo client (70 kg)\",\n  \"c-0042\": \"Anna K.\",\n"
                    + "  \"c-0043\": \"Ben M.\"\n}\n", StandardCharsets.UTF_8);
        }
    }
}
