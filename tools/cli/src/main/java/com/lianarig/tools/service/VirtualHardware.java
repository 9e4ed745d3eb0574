package com.lianarig.tools.service;

import com.lianarig.config.calibration.Calibration;
import com.lianarig.config.calibration.CalibrationPoint;
import com.lianarig.config.calibration.CalibrationPolicy;
import com.lianarig.config.calibration.CalibrationStore;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.service.RigService;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.hal.VirtualSafetyChainMonitor;
import com.lianarig.sim.hal.VirtualSerialLink;
import com.lianarig.sim.physics.LoadCellSim;
import java.time.Instant;
import java.util.List;

/**
 * The standard virtual rig, running in real time in this process, as the service's hardware: its
 * node behind an in-process serial link, its safety chain behind a monitor. For {@code rig demo} and
 * {@code rig run --virtual} (the rig file must describe the standard rig: config/examples/rig.yaml).
 */
public final class VirtualHardware {
    private VirtualHardware() {
    }

    /** Starts the virtual rig in real time and returns it with the service's hardware over it. */
    public static Started start(long seed) {
        VirtualRig rig = VirtualRig.standardInProcess(seed);
        rig.start(System.nanoTime());
        RealTimeRunner runner = new RealTimeRunner(rig);
        runner.start();
        VirtualSafetyChainMonitor chain = new VirtualSafetyChainMonitor(rig.physics().safetyChain(), 100,
                System::nanoTime);
        chain.start();
        VirtualSerialLink link = VirtualSerialLink.toNode(rig, 0, SerialSettings.defaults());
        RigService.Hardware hw = new RigService.Hardware(node -> link, chain, true, () -> {
            chain.close();
            runner.close();
            rig.close();
        });
        return new Started(rig, hw);
    }

    /** The rig and the hardware over it. */
    public record Started(VirtualRig rig, RigService.Hardware hardware) {
    }

    /**
     * Writes each rope's calibration from the virtual load cell's true offset and scale (a simulated
     * technician's two-point calibration), where the store has none. A node's calibration file that cannot
     * be used (damaged, truncated, garbage) is left as it is, never overwritten: its ropes stay uncalibrated,
     * the service says why and refuses READY (SR-17, R-9), as on a real rig.
     */
    public static void calibrate(VirtualRig rig, RigConfig config) throws Exception {
        CalibrationStore store = new CalibrationStore(config.paths().calibrationDir(), new NioFileOps(),
                CalibrationPolicy.from(config.limits()));
        List<RopeConfig> ropes = config.ropes();
        for (int i = 0; i < ropes.size(); i++) {
            var ref = config.loadChannel(ropes.get(i));
            try {
                if (store.current(ref).isPresent()) {
                    continue;
                }
            } catch (com.lianarig.config.ConfigException e) {
                continue; // the service names the damage (RigService) and leaves the rope uncalibrated
            }
            LoadCellSim cell = rig.physics().cell(i);
            double countsPerKg = cell.countsPerN() * CalibrationPoint.STANDARD_GRAVITY_M_PER_S2;
            store.append(Calibration.fromPoints(ref, Instant.now(), "virtual-rig", List.of(
                    new CalibrationPoint(cell.offsetCounts(), 0),
                    new CalibrationPoint(cell.offsetCounts() + 50 * countsPerKg, 50))));
        }
    }
}
