package com.lianarig.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.DataPaths;
import com.lianarig.config.rig.PortSelector;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rig file the package installs as /etc/liana-rig/rig.yaml loads with the service's own loader,
 * and points the service at the installed layout: data under /var/lib/liana-rig (the only place the
 * unit lets it write), the node on /dev/ttyACM0, the GPIO pins of the README's wiring table.
 */
class PackagedRigFileTest {
    private static final Path RIG_FILE = Path.of("src/deb/etc/liana-rig/rig.yaml");
    private static final Path DATA = Path.of("/var/lib/liana-rig");

    private static RigConfig load() throws Exception {
        // no RIG_DATA_DIR: the file alone decides where data goes
        return new RigConfigLoader(Map.of()).load(RIG_FILE);
    }

    @Test
    void packagedRigFileLoadsWithTheServiceLoader() throws Exception {
        RigConfig rig = load();
        assertEquals(4, rig.ropes().size());
        assertEquals(3, rig.winches().size());
    }

    @Test
    void dataGoesUnderVarLibLianaRigWhereTheUnitAllowsWrites() throws Exception {
        RigConfig rig = load();
        DataPaths paths = rig.paths();
        assertEquals(DATA, paths.dataDir());
        assertEquals(DATA.resolve("calibration"), paths.calibrationDir());
        assertEquals(DATA.resolve("profiles"), paths.profilesDir());
        assertEquals(DATA.resolve("journal"), paths.journalDir());
        assertTrue(rig.journal().path().startsWith(DATA.resolve("journal")), rig.journal().path().toString());
    }

    @Test
    void nodeIsOnTheFirstUsbSerialPort() throws Exception {
        RigConfig rig = load();
        assertEquals(new PortSelector.DevicePath("/dev/ttyACM0"), rig.nodes().get(0).port());
        assertEquals("CHANGE-ME", rig.nodes().get(0).serial(), "the node serial is a placeholder the technician sets");
    }

    @Test
    void gpioPinsAreThoseOfTheReadmeWiringTable() throws Exception {
        RigConfig rig = load();
        assertEquals(17, rig.gpio().safetyChainMonitorPin());
        var pendant = rig.gpio().pendant().orElseThrow();
        assertEquals(22, pendant.upPin());
        assertEquals(23, pendant.downPin());
        assertEquals(24, pendant.enablePin());
        assertEquals(5, rig.gpio().statusLight().orElseThrow().pin());
        assertEquals(6, rig.gpio().buzzer().orElseThrow().pin());
    }

    @Test
    void packagedRigFileDescribesTheSameRigAsTheExample() throws Exception {
        RigConfig packaged = load();
        RigConfig example = new RigConfigLoader(Map.of()).load(Path.of("../../config/examples/rig.yaml"));
        assertEquals(example.winches(), packaged.winches());
        assertEquals(example.ropes(), packaged.ropes());
        assertEquals(example.limits(), packaged.limits());
        assertEquals(example.gpio(), packaged.gpio());
        assertTrue(Files.readString(RIG_FILE).contains("rig doctor"), "the file tells the technician what to run next");
    }
}
