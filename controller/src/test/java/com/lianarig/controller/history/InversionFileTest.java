package com.lianarig.controller.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.core.CutInversion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SR-21's inversion file on a real directory: what the control thread hands over is what the next start
 * reads; the end removes it; a damaged file is said in plain words and read as none, never a crash.
 */
class InversionFileTest {
    @TempDir
    Path dir;

    private final List<String> journal = new ArrayList<>();

    private InversionFile file() {
        return new InversionFile(dir.resolve(InversionFile.NAME), new NioFileOps(), (k, b) -> journal.add(k + " " + b));
    }

    @Test
    void theNewestStateHandedOverIsWhatTheNextStartReadsAndTheEndRemovesIt() throws Exception {
        InversionFile f = file();
        assertEquals(Optional.empty(), f.load(), "nothing recorded: nothing to resume");
        f.inverted("c-\"quoted\"", 70, 10);
        f.inverted("c-\"quoted\"", 70, 20.04); // replaces the one not written yet
        f.flush();
        assertEquals(Optional.of(new CutInversion("c-\"quoted\"", 70, 20.0)), file().load());
        f.ended();
        f.flush();
        assertFalse(Files.exists(dir.resolve(InversionFile.NAME)));
        assertEquals(Optional.empty(), file().load());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file left");
        }
        assertTrue(journal.isEmpty(), journal.toString());
    }

    @Test
    void itsThreadWritesWhatTheControlThreadHandsOverAndCloseWritesTheLast() throws Exception {
        InversionFile f = file();
        f.start();
        f.inverted("c1", 80, 30);
        f.close();
        assertEquals(Optional.of(new CutInversion("c1", 80, 30)), file().load());
    }

    static Stream<Arguments> damaged() {
        return Stream.of(
                Arguments.of("{\"format\":1,\"client\":\"c1\",\"massKg\":70", "not JSON"),
                Arguments.of("[1,2]", "not a JSON object"),
                Arguments.of("{\"format\":2,\"client\":\"c1\",\"massKg\":70,\"invertedS\":5}", "format must be 1"),
                Arguments.of("{\"format\":1,\"client\":\"\",\"massKg\":70,\"invertedS\":5}", "client must be"),
                Arguments.of("{\"format\":1,\"client\":\"c1\",\"massKg\":\"70\",\"invertedS\":5}", "must be numbers"),
                Arguments.of("{\"format\":1,\"client\":\"c1\",\"massKg\":-70,\"invertedS\":5}", "mass must be"),
                Arguments.of("{\"format\":1,\"client\":\"c1\",\"massKg\":70,\"invertedS\":-5}", "time inverted must"),
                Arguments.of(" ".repeat(2_000), "more than the 1024"),
                Arguments.of("", "not a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("damaged")
    void aDamagedFileIsSaidInPlainWordsAndReadAsNone(String content, String said) throws Exception {
        Files.write(dir.resolve(InversionFile.NAME), content.getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), file().load());
        assertEquals(1, journal.size(), journal.toString());
        assertTrue(journal.get(0).startsWith("inverted {\"event\":\"unreadable\""), journal.get(0));
        assertTrue(journal.get(0).contains(said), journal.get(0));
        assertTrue(journal.get(0).contains("look at the rig"), journal.get(0));
    }
}
