package com.lianarig.tools;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.miswire.Miswiring;
import com.lianarig.sim.physics.LoadCellSim;
import com.lianarig.sim.transport.PtyPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The standard virtual rig in real time behind a pty (socat), and a rig file (the example's, with the
 * node's port set to the pty and data kept in a test directory) that points {@code rig calibrate} at it.
 */
final class PtyRigFixture implements AutoCloseable {
    static final double G = CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
    static final ChannelRef LEFT_LEG = new ChannelRef("VR-0001", 0);

    private final PtyVirtualRig pty;
    final VirtualRig rig;
    final PtyPort port;
    final Path rigFile;
    final Path calibrationDir;

    PtyRigFixture(long seed, Path dir) {
        pty = new PtyVirtualRig(seed, Miswiring.NONE, r -> { });
        rig = pty.rig;
        port = pty.port();
        rigFile = dir.resolve("rig.yaml");
        calibrationDir = dir.resolve("data").resolve("calibration");
        writeRigFile(rigFile, port.hostLink().toString(), dir.resolve("data"));
    }

    /** The example rig file with its node on {@code portPath} and its data under {@code dataDir}. */
    static void writeRigFile(Path file, String portPath, Path dataDir) {
        try {
            String example = Files.readString(ExampleRigFile.find());
            String text = example.replace("path: /dev/ttyACM0", "path: " + portPath)
                    + "\npaths:\n  dataDir: " + dataDir + "\n";
            if (text.equals(example + "\npaths:\n  dataDir: " + dataDir + "\n")) {
                throw new IllegalStateException("the example rig file's node port is no longer /dev/ttyACM0");
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The left leg's load cell: its true offset and scale. */
    LoadCellSim leftLegCell() {
        return rig.physics().cell(0);
    }

    /** The true tension of the left leg rope, N (the empty strap's weight when nothing hangs on it). */
    double leftLegTensionN() {
        return rig.locked(() -> rig.physics().tensionN(0));
    }

    /** Hangs {@code kg} on the left leg's strap (0: takes it off). */
    void hangOnLeftLeg(double kg) {
        Faults.extraLoad(rig, 0, kg * G);
    }

    CalibrationStore store() {
        return new CalibrationStore(calibrationDir, new NioFileOps(), CalibrationPolicy.defaults());
    }

    @Override
    public void close() {
        pty.close();
    }
}
