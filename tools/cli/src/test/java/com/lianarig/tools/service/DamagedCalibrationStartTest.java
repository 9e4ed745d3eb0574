package com.lianarig.tools.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.service.RigService;
import com.lianarig.tools.ExampleRigFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * R-9 and SR-17 at the service's start (issue 14: a calibration file whose scale disagrees with its points
 * stopped {@code rig run --virtual} / {@code rig demo} with a stack trace). A damaged, truncated or garbage
 * calibration file leaves its node's ropes uncalibrated, saying why (the log, the journal's calibration-use
 * record, READY's refusal), the file is kept as it is, and the service starts.
 */
class DamagedCalibrationStartTest {
    @TempDir
    Path dir;

    static Stream<Arguments> damage() {
        UnaryOperator<String> scale = json -> json.replaceFirst("\"countsPerN\" : ([0-9]+)\\.", "\"countsPerN\" : 1$1.");
        UnaryOperator<String> truncated = json -> json.substring(0, json.length() / 2);
        UnaryOperator<String> garbage = json -> "\u0000\u00ff garbage \u0007" + json.substring(40);
        return Stream.of(Arguments.of("a scale that disagrees with its points", scale, "countsPerN"),
                Arguments.of("a truncated file", truncated, "VR-0001.json"),
                Arguments.of("garbage", garbage, "VR-0001.json"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void theServiceStartsWithThoseRopesUncalibratedSayingWhy(String what, UnaryOperator<String> damage, String named)
            throws Exception {
        RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", dir.toString())).load(ExampleRigFile.find());
        VirtualHardware.Started started = VirtualHardware.start(14);
        CalibrationStore store = new CalibrationStore(rig.paths().calibrationDir(), new NioFileOps(),
                CalibrationPolicy.from(rig.limits()));
        var ref = rig.loadChannel(rig.ropes().get(0));
        store.append(Calibration.fromPoints(ref, Instant.parse("2026-11-01T09:00:00Z"), "J. Tech",
                List.of(new CalibrationPoint(-120_000, 0), new CalibrationPoint(-120_000 + 50 * 20_600, 50))));
        Path file = store.fileOf(ref.nodeSerial());
        byte[] damaged = damage.apply(Files.readString(file)).getBytes(StandardCharsets.UTF_8);
        Files.write(file, damaged);

        VirtualHardware.calibrate(started.rig(), rig); // was: ConfigException, the service never started
        assertArrayEquals(damaged, Files.readAllBytes(file), "the damaged file is kept as it is, never overwritten");

        List<String> journal = new ArrayList<>();
        RigService service = new RigService(rig, started.hardware(), (kind, body) -> journal.add(kind + " " + body),
                Clock.systemUTC());
        try {
            for (int rope = 0; rope < rig.ropes().size(); rope++) {
                String why = service.safety().view().whyUncalibrated(rope);
                assertTrue(why != null && why.contains("its calibration file cannot be used") && why.contains(named),
                        what + ": rope " + rope + ": " + why);
            }
            assertTrue(journal.stream().anyMatch(j -> j.startsWith("calibration-use") && j.contains("\"calibrated\":false")
                    && j.contains("its calibration file cannot be used")), journal.toString());
        } finally {
            started.hardware().resources().close();
        }
    }
}
