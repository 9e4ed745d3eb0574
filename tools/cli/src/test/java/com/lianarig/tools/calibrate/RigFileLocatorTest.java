package com.lianarig.tools.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.tools.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --rig, then RIG_FILE, then the installed rig file; never the checkout's example by default. */
class RigFileLocatorTest {
    @TempDir
    Path dir;

    @Test
    void theOptionWins() throws Exception {
        Path installed = Files.createFile(dir.resolve("installed.yaml"));
        assertEquals(Path.of("a.yaml"), RigFileLocator.locate(Path.of("a.yaml"), Map.of("RIG_FILE", "b.yaml"),
                installed));
    }

    @Test
    void thenTheEnvironment() throws Exception {
        Path installed = Files.createFile(dir.resolve("installed.yaml"));
        assertEquals(Path.of("/x/b.yaml"), RigFileLocator.locate(null, Map.of("RIG_FILE", "/x/b.yaml"), installed));
    }

    @Test
    void thenTheInstalledFileWhenItExists() throws IOException, BadInputException {
        Path installed = Files.createFile(dir.resolve("installed.yaml"));
        assertEquals(installed, RigFileLocator.locate(null, Map.of("RIG_FILE", " "), installed));
    }

    @Test
    void elseAnErrorThatSaysWhatToGive() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> RigFileLocator.locate(null, Map.of(), dir.resolve("none.yaml")));
        assertTrue(e.getMessage().startsWith("which rig? give --config FILE, or set RIG_FILE=FILE"), e.getMessage());
        assertTrue(e.getMessage().contains("config/examples/rig.yaml"), e.getMessage());
    }
}
