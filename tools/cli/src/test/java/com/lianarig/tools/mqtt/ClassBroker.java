package com.lianarig.tools.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link TestBroker} for a whole test class (stopping Moquette takes ~2 s), each test using its own
 * topics: {@code @RegisterExtension static final ClassBroker broker = new ClassBroker();}. Its data
 * directory is a temporary one, deleted after the class.
 */
public final class ClassBroker implements BeforeAllCallback, AfterAllCallback {
    private Path dataDir;
    private TestBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("test-broker");
        broker = TestBroker.start(dataDir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        broker.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            List<Path> deepestFirst = files.sorted(Comparator.reverseOrder()).toList();
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        }
    }

    public String uri() {
        return broker.uri();
    }
}
