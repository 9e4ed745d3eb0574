package com.lianarig.tools;

import java.nio.file.Files;
import java.nio.file.Path;

/** The example rig file the tests start from: config/examples/rig.yaml (the virtual rig's). */
public final class ExampleRigFile {
    private ExampleRigFile() {
    }

    /** config/examples/rig.yaml, found from the working directory up (Maven runs tests in tools/cli). */
    public static Path find() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve("config/examples/rig.yaml");
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("config/examples/rig.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
