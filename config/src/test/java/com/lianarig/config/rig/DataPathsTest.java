package com.lianarig.config.rig;

import static com.lianarig.config.rig.ErrorAssertions.onlyError;
import static com.lianarig.config.rig.RigFiles.example;
import static com.lianarig.config.rig.RigFiles.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Data path defaults that suit a developer checkout and an installed Pi. */
class DataPathsTest {

    private static DataPaths pathsOf(Path rigFile, Map<String, String> env, ObjectNode rig) throws ConfigException {
        return new RigConfigLoader(env).parse(yaml(rig), rigFile).paths();
    }

    private static ObjectNode withoutPaths() {
        ObjectNode rig = example();
        rig.remove("paths");
        rig.remove("journal");
        return rig;
    }

    @Test
    void aCheckoutKeepsDataNextToTheRigFile() throws Exception {
        DataPaths p = pathsOf(Path.of("/home/dev/liana/config/examples/rig.yaml"), Map.of(), withoutPaths());
        assertEquals(DataPaths.under(Path.of("/home/dev/liana/config/examples/data")), p);
    }

    @Test
    void anInstalledRigFileKeepsDataInVarLib() throws Exception {
        DataPaths p = pathsOf(Path.of("/etc/liana-rig/rig.yaml"), Map.of(), withoutPaths());
        assertEquals(Path.of("/var/lib/liana-rig"), p.dataDir());
        assertEquals(Path.of("/var/lib/liana-rig/calibration"), p.calibrationDir());
        assertEquals(Path.of("/var/lib/liana-rig/profiles"), p.profilesDir());
        assertEquals(Path.of("/var/lib/liana-rig/journal"), p.journalDir());
    }

    @Test
    void theEnvironmentVariableWinsOverBothDefaults() throws Exception {
        Map<String, String> env = Map.of("RIG_DATA_DIR", "/mnt/usb/rig-data");
        assertEquals(Path.of("/mnt/usb/rig-data"), pathsOf(Path.of("/etc/liana-rig/rig.yaml"), env, withoutPaths())
                .dataDir());
        assertEquals(Path.of("/mnt/usb/rig-data/journal/journal.bin"),
                new RigConfigLoader(env).parse(yaml(withoutPaths()), Path.of("/x/rig.yaml")).journal().path());
    }

    @Test
    void theRigFileWinsOverTheEnvironment() throws Exception {
        ObjectNode rig = withoutPaths();
        rig.putObject("paths").put("dataDir", "state").put("profilesDir", "/srv/profiles");
        DataPaths p = pathsOf(Path.of("/etc/liana-rig/rig.yaml"), Map.of("RIG_DATA_DIR", "/mnt/x"), rig);
        assertEquals(Path.of("/etc/liana-rig/state"), p.dataDir());
        assertEquals(Path.of("/etc/liana-rig/state/calibration"), p.calibrationDir());
        assertEquals(Path.of("/srv/profiles"), p.profilesDir());
    }

    @Test
    void aRelativeEnvironmentVariableIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> pathsOf(Path.of("/x/rig.yaml"),
                Map.of("RIG_DATA_DIR", "data"), withoutPaths()));
        ConfigError err = onlyError(e.errors());
        assertEquals("paths.dataDir", err.path());
        assertEquals("\"data\"", err.value());
        assertTrue(err.rule().contains("RIG_DATA_DIR") && err.rule().contains("not an absolute path"), err.rule());
    }

    @Test
    void aRelativeRigFilePathIsAnchoredAtTheWorkingDirectory() {
        DataPathDefaults.Choice c = DataPathDefaults.choose(Path.of("rig.yaml"), Map.of());
        assertEquals(Path.of("").toAbsolutePath().resolve("data"), c.dataDir());
        assertEquals(DataPathDefaults.Source.NEXT_TO_RIG_FILE, c.source());
        assertEquals(DataPathDefaults.Source.INSTALLED,
                DataPathDefaults.choose(Path.of("/etc/liana-rig/../liana-rig/rig.yaml"), Map.of()).source());
    }
}
