package com.lianarig.tools;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.controller.core.PreUseChecks;
import com.lianarig.controller.journal.Journal;
import com.lianarig.hal.serial.JSerialCommPortDiscovery;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.tools.calibrate.ChannelFeed;
import com.lianarig.tools.doctor.DoctorCommand;
import com.lianarig.tools.mqtt.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rig doctor} against the virtual rig behind a real pty, calibrations written by the config
 * store, an embedded Moquette broker, and Pi4J's mock GPIO (whose input reads LOW: a tripped chain);
 * then a rig that fails several checks, each with its fix.
 */
class DoctorCommandTest {
    private static final double G = CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;

    @TempDir
    Path dir;

    @Test
    void aWorkingRigPassesEveryCheckAndTheTrippedChainFailsWithItsFix() throws Exception {
        try (PtyRigFixture f = new PtyRigFixture(31, dir);
                TestBroker broker = TestBroker.start(dir.resolve("broker"))) {
            setMqtt(f.rigFile, "embedded", broker.port(), null);
            calibrateAll(f.store(), Instant.now().minus(Duration.ofDays(10)));
            Path data = dir.resolve("data");
            new PreUseChecks(data.resolve("pre-use-check.txt")).record(LocalDate.now(), "test", "passed");
            try (Journal j = Journal.open(new RigConfigLoader(Map.of()).load(f.rigFile).journal(), System::currentTimeMillis,
                    System::nanoTime)) {
                j.append("service", "{\"event\":\"start\"}");
            }
            RigRun run = RigRun.of("doctor", "--config", f.rigFile.toString(), "--gpio", "mock");
            Map<String, String> status = statuses(run.out());
            assertAll(
                    () -> assertEquals(DoctorCommand.FAILED, run.exitCode(), run.out() + run.err()),
                    () -> assertEquals("PASS", status.get("Java version"), run.out()),
                    () -> assertEquals("PASS", status.get("rig file"), run.out()),
                    () -> assertEquals("PASS", status.get("serial port main"), run.out()),
                    () -> assertEquals("PASS", status.get("node main"), run.out()),
                    () -> assertEquals("PASS", status.get("link main"), run.out()),
                    () -> assertTrue(line(run.out(), "link main").contains("frames in 1 s of traffic, no noise or loss"),
                            run.out()),
                    () -> assertEquals("PASS", status.get("calibration left-leg"), run.out()),
                    () -> assertEquals("PASS", status.get("calibration right-loop"), run.out()),
                    () -> assertEquals("PASS", status.get("pre-use check"), run.out()),
                    () -> assertEquals("PASS", status.get("MQTT broker"), run.out()),
                    () -> assertEquals("PASS", status.get("journal writable"), run.out()),
                    () -> assertEquals("PASS", status.get("journal damage"), run.out()),
                    () -> assertEquals("PASS", status.get("disk space"), run.out()),
                    () -> assertEquals("PASS", status.get("clock"), run.out()),
                    () -> assertEquals("FAIL", status.get("safety chain (GPIO)"), run.out()),
                    () -> assertTrue(line(run.out(), "node main").contains("identified as VR-0001"), run.out()),
                    () -> assertTrue(line(run.out(), "calibration left-leg").contains("10 days ago"), run.out()),
                    () -> assertTrue(line(run.out(), "safety chain (GPIO)").contains("reads LOW: the safety chain is TRIPPED"),
                            run.out()),
                    () -> assertTrue(fix(run.out(), "safety chain (GPIO)").contains("release every stop"), run.out()),
                    () -> assertTrue(run.out().contains("\n15 passed, 0 warnings, 1 failed"), run.out()));
            // the port held by another process (the service, when it runs): the node is not checked from here
            var rig = new RigConfigLoader(Map.of()).load(f.rigFile);
            try (ChannelFeed held = ChannelFeed.open(rig.nodes().get(0), 0, List.of(0), rig.limits(),
                    SerialSettings.defaults(), new JSerialCommPortDiscovery(), Duration.ofSeconds(10))) {
                RigRun busy = RigRun.of("doctor", "--config", f.rigFile.toString(), "--gpio", "mock");
                assertEquals("WARN", statuses(busy.out()).get("node main"), busy.out());
                assertTrue(line(busy.out(), "node main").contains("in use by pid " + ProcessHandle.current().pid()),
                        busy.out());
                assertTrue(fix(busy.out(), "node main").contains("sudo systemctl stop liana-rig"), busy.out());
            }
        }
    }

    @Test
    void aBrokenRigFailsEachCheckWithAPlainFixAndExits3() throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        PtyRigFixture.writeRigFile(rigFile, dir.resolve("no-such-tty").toString(), dir.resolve("data"));
        int closedPort = TestBroker.freePort();
        setMqtt(rigFile, "external", closedPort, null);
        CalibrationStore store = new CalibrationStore(dir.resolve("data/calibration"), new com.lianarig.config.store.NioFileOps(),
                com.lianarig.config.calibration.CalibrationPolicy.defaults());
        store.append(calibration(new ChannelRef("VR-0001", 0), Instant.now().minus(Duration.ofDays(400))));
        RigRun run = RigRun.of("doctor", "--config", rigFile.toString());
        Map<String, String> status = statuses(run.out());
        assertAll(
                () -> assertEquals(DoctorCommand.FAILED, run.exitCode(), run.out() + run.err()),
                () -> assertEquals("FAIL", status.get("serial port main"), run.out()),
                () -> assertTrue(fix(run.out(), "serial port main").contains("connect node main (serial VR-0001)"), run.out()),
                () -> assertTrue(!status.containsKey("node main"), "no node check without its port"),
                () -> assertEquals("FAIL", status.get("safety chain (GPIO)"), run.out()),
                () -> assertTrue(fix(run.out(), "safety chain (GPIO)").contains("sudo adduser " + System.getProperty("user.name")
                        + " gpio"), run.out()),
                () -> assertEquals("WARN", status.get("calibration left-leg"), run.out()),
                () -> assertTrue(line(run.out(), "calibration left-leg").contains("older than 180 days"), run.out()),
                () -> assertEquals("FAIL", status.get("calibration right-leg"), run.out()),
                () -> assertTrue(fix(run.out(), "calibration right-leg").contains("rig calibrate --config " + rigFile
                        + " --rope right-leg"), run.out()),
                () -> assertEquals("WARN", status.get("pre-use check"), run.out()),
                () -> assertEquals("FAIL", status.get("MQTT broker"), run.out()),
                () -> assertTrue(line(run.out(), "MQTT broker").contains("cannot connect to tcp://127.0.0.1:" + closedPort),
                        run.out()),
                () -> assertTrue(fix(run.out(), "MQTT broker").contains("check that the studio's broker runs"), run.out()),
                () -> assertEquals("WARN", status.get("journal writable"), run.out()),
                () -> assertEquals("PASS", status.get("clock"), run.out()));
    }

    /** Noise on the node's line: the link check says what it saw (bad CRCs, garbage, lost frames) and the fix. */
    @Test
    void aNoisyLineIsAWarningNamingWhatWasSeen() throws Exception {
        try (PtyRigFixture f = new PtyRigFixture(32, dir)) {
            f.port.toHostFaults().bitErrorRate(3e-4);
            RigRun run = RigRun.of("doctor", "--config", f.rigFile.toString(), "--gpio", "mock");
            Map<String, String> status = statuses(run.out());
            assertAll(
                    () -> assertEquals("PASS", status.get("node main"), run.out()),
                    () -> assertEquals("WARN", status.get("link main"), run.out()),
                    () -> assertTrue(line(run.out(), "link main").contains("bad CRC"), run.out()),
                    () -> assertTrue(fix(run.out(), "link main").contains("check the cable"), run.out()));
        }
    }

    /** With the service running its ports are held: its links are read from its retained R/diagnostics. */
    @Test
    void theRunningServicesLinksAreReadFromItsRetainedDiagnostics() throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        PtyRigFixture.writeRigFile(rigFile, dir.resolve("no-such-tty").toString(), dir.resolve("data"));
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"))) {
            setMqtt(rigFile, "embedded", broker.port(), null);
            try (com.lianarig.tools.mqtt.BrokerClient service = com.lianarig.tools.mqtt.BrokerClient.connect(
                    new com.lianarig.tools.mqtt.BrokerOptions(broker.uri(), null, null, null), "service")) {
                byte[] example = Files.readAllBytes(ExampleRigFile.find().getParent().getParent().getParent()
                        .resolve("docs/mqtt/examples/diagnostics.json"));
                assertTrue(service.publish("liana/v1/test/rig-1/diagnostics", example, 1, true));
                Thread.sleep(300);
            }
            RigRun run = RigRun.of("doctor", "--config", rigFile.toString(), "--gpio", "mock");
            Map<String, String> status = statuses(run.out());
            assertAll(
                    () -> assertEquals("PASS", status.get("MQTT broker"), run.out()),
                    () -> assertEquals("WARN", status.get("link main (service)"), run.out()),
                    () -> assertTrue(line(run.out(), "link main (service)").contains("1,281,533 frames since the service"
                            + " started 60 min ago: 9 bad CRC, 2 bad length, 214 garbage bytes, 11 lost frames,"
                            + " 3 retransmissions, 1 reconnect"), run.out()),
                    () -> assertTrue(fix(run.out(), "link main (service)").contains("check the cable"), run.out()));
        }
    }

    @Test
    void aWrongPasswordIsAFailedLoginAndAnAbsentEmbeddedBrokerAWarning() throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        PtyRigFixture.writeRigFile(rigFile, dir.resolve("no-such-tty").toString(), dir.resolve("data"));
        Path password = dir.resolve("mqtt-password");
        Files.writeString(password, "not-the-password\n");
        try (TestBroker broker = TestBroker.start(dir.resolve("broker"), "rig-1", "s3cret")) {
            setMqtt(rigFile, "external", broker.port(), password);
            RigRun refused = RigRun.of("doctor", "--config", rigFile.toString(), "--gpio", "mock");
            Files.writeString(password, "s3cret\n");
            RigRun accepted = RigRun.of("doctor", "--config", rigFile.toString(), "--gpio", "mock");
            assertAll(
                    () -> assertEquals("FAIL", statuses(refused.out()).get("MQTT broker"), refused.out()),
                    () -> assertTrue(line(refused.out(), "MQTT broker").contains("refused the login of rig-1"), refused.out()),
                    () -> assertTrue(fix(refused.out(), "MQTT broker").contains("mqtt.username"), refused.out()),
                    () -> assertEquals("PASS", statuses(accepted.out()).get("MQTT broker"), accepted.out()));
        }
        setMqtt(rigFile, "embedded", TestBroker.freePort(), null);
        RigRun embedded = RigRun.of("doctor", "--config", rigFile.toString(), "--gpio", "mock");
        RigRun running;
        try (Journal serviceRuns = Journal.open(new RigConfigLoader(Map.of()).load(rigFile).journal(),
                System::currentTimeMillis, System::nanoTime)) {
            running = RigRun.of("doctor", "--config", rigFile.toString(), "--gpio", "mock");
        }
        assertAll(
                () -> assertEquals("FAIL", statuses(running.out()).get("MQTT broker"), running.out()),
                () -> assertTrue(fix(running.out(), "MQTT broker").contains("the service runs but its embedded broker"),
                        running.out()),
                () -> assertEquals("WARN", statuses(embedded.out()).get("MQTT broker"), embedded.out()),
                () -> assertTrue(line(embedded.out(), "MQTT broker").contains("embedded in the service, which is not running"),
                        embedded.out()),
                () -> assertTrue(fix(embedded.out(), "MQTT broker").contains("sudo systemctl start liana-rig"), embedded.out()));
    }

    @Test
    void anInvalidRigFileFailsWithTheLoadersWordsAndNothingElseRuns() throws Exception {
        Path rigFile = dir.resolve("rig.yaml");
        PtyRigFixture.writeRigFile(rigFile, "/dev/ttyUSB9", dir.resolve("data"));
        Files.writeString(rigFile, Files.readString(rigFile).replace("descentMmPerS: 50", "descentMmPerS: 500"));
        RigRun run = RigRun.of("doctor", "--config", rigFile.toString());
        Map<String, String> status = statuses(run.out());
        assertAll(
                () -> assertEquals(DoctorCommand.FAILED, run.exitCode(), run.out() + run.err()),
                () -> assertEquals(List.of("Java version", "rig file"), List.copyOf(status.keySet()), run.out()),
                () -> assertTrue(line(run.out(), "rig file").contains("descentMmPerS"), run.out()),
                () -> assertTrue(fix(run.out(), "rig file").contains("docs/rig-config.md"), run.out()));
    }

    /** Sets the rig file's mqtt section. */
    static void setMqtt(Path rigFile, String broker, int port, Path passwordFile) throws Exception {
        String text = Files.readString(rigFile);
        int start = text.indexOf("\nmqtt:\n");
        int end = text.indexOf("\npanels:\n");
        String mqtt = "\nmqtt:\n  broker: " + broker + "\n  host: 127.0.0.1\n  port: " + port + "\n"
                + (passwordFile == null ? "" : "  username: rig-1\n  passwordFile: " + passwordFile + "\n")
                + "  topicRoot: liana/v1/test/rig-1\n";
        Files.writeString(rigFile, text.substring(0, start) + mqtt + text.substring(end));
    }

    private static void calibrateAll(CalibrationStore store, Instant at) throws Exception {
        for (int c = 0; c < 4; c++) {
            store.append(calibration(new ChannelRef("VR-0001", c), at));
        }
    }

    private static Calibration calibration(ChannelRef ref, Instant at) {
        return Calibration.fromPoints(ref, at, "setup", List.of(new CalibrationPoint(1000, 0),
                new CalibrationPoint(1000 + 50 * G * 20, 50)));
    }

    /** Check name -> PASS/WARN/FAIL, in the order printed. */
    static Map<String, String> statuses(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : out.lines().toList()) {
            if (l.matches("(PASS|WARN|FAIL)  .*")) {
                m.put(l.substring(6, Math.min(l.length(), 32)).strip(), l.substring(0, 4));
            }
        }
        return m;
    }

    static String line(String out, String check) {
        return out.lines().filter(l -> l.length() > 6 && l.substring(6, Math.min(l.length(), 32)).strip().equals(check))
                .findFirst().orElse("(no line for " + check + ")");
    }

    static String fix(String out, String check) {
        List<String> lines = out.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).equals(line(out, check))) {
                return lines.get(i + 1).startsWith("      fix: ") ? lines.get(i + 1) : "(no fix)";
            }
        }
        return "(no line for " + check + ")";
    }
}
