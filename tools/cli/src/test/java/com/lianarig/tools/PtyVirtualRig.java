package com.lianarig.tools;

import com.lianarig.sim.RealTimeRunner;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.miswire.Miswiring;
import com.lianarig.sim.transport.PtyPort;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The standard virtual rig in real time behind a real pty (socat): its node is a USB serial port to
 * whatever opens {@link #hostPath()}, through hal. The caller checks {@link PtyPort#socatAvailable()}.
 */
public final class PtyVirtualRig implements AutoCloseable {
    public final VirtualRig rig;
    private final RealTimeRunner runner;

    /**
     * Builds the rig, lets {@code beforeStart} change it (a protocol fault, say), then runs it.
     *
     * @param miswiring how its wires are crossed ({@link Miswiring#NONE}: as the rig file says)
     */
    public PtyVirtualRig(long seed, Miswiring miswiring, Consumer<VirtualRig> beforeStart) {
        SplittableRandom random = new SplittableRandom(seed);
        rig = VirtualRig.standard(seed, spec -> PtyPort.open(random.split()), miswiring);
        try {
            beforeStart.accept(rig);
            runner = new RealTimeRunner(rig);
            runner.start();
        } catch (RuntimeException | Error e) {
            rig.close();
            throw e;
        }
    }

    /** The node's pty, the end a serial port opens. */
    public PtyPort port() {
        return (PtyPort) rig.port(0);
    }

    /** The path of {@link #port()}'s host end, as a rig file names it. */
    public String hostPath() {
        return port().hostLink().toString();
    }

    @Override
    public void close() {
        runner.close();
        rig.close();
    }
}
