package com.lianarig.tools.web;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.web.PairedPanel;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigController;
import com.lianarig.controller.loop.RealtimeScheduling;
import com.lianarig.controller.web.PairingStore;
import com.lianarig.controller.web.WebPanel;
import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.VirtualClient;
import com.lianarig.tools.service.DemoRig;
import com.lianarig.config.rig.WebConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The service on the virtual rig with its embedded broker and the web panel, exactly as {@code rig
 * demo --idle} runs it (on free loopback ports), prepared by a technician (referenced, pre-use check
 * waived). Tests judge motion on the virtual rig's TRUE physical state: the left leg strap's height.
 */
final class WebRig implements AutoCloseable {
    /** The left leg strap: rope 0 of the demo's rig file, on winch 0. */
    static final int LEFT_LEG = 0;
    /** `rig run`'s default real-time priority for the control loop. */
    static final int REALTIME_PRIORITY = 40;

    final DemoRig demo;
    final Path data;
    /** The relay between the browsers and the broker, when the rig was started {@link #proxied}. */
    final CuttableProxy proxy;

    private WebRig(DemoRig demo, Path data, CuttableProxy proxy) {
        this.demo = demo;
        this.data = data;
        this.proxy = proxy;
    }

    /** As `rig demo --idle` runs it: plain HTTP and ws:// on loopback. */
    static WebRig start() throws Exception {
        return start(false, Optional.empty(), UnaryOperator.identity());
    }

    /** The same, with the rig file changed by {@code edit} (a shorter SR-21 alarm: never a looser limit). */
    static WebRig start(UnaryOperator<RigConfig> edit) throws Exception {
        return start(false, Optional.empty(), edit);
    }

    /** The same, with the browsers reaching the broker through a relay a test can cut. */
    static WebRig proxied() throws Exception {
        return start(true, Optional.empty(), UnaryOperator.identity());
    }

    /** Served over HTTPS (and the broker over wss://) with the rig's certificate. */
    static WebRig https(WebConfig.Certificate certificate) throws Exception {
        return start(false, Optional.of(certificate), UnaryOperator.identity());
    }

    private static WebRig start(boolean proxied, Optional<WebConfig.Certificate> tls, UnaryOperator<RigConfig> edit)
            throws Exception {
        Path data = Files.createTempDirectory("web-rig-");
        int webSocketPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            webSocketPort = probe.getLocalPort();
        }
        CuttableProxy proxy = proxied ? new CuttableProxy(webSocketPort) : null;
        Optional<String> brokerUrl = proxied ? Optional.of("ws://127.0.0.1:" + proxy.port() + "/mqtt") : Optional.empty();
        DemoRig demo = DemoRig.open(data, 0, 0, webSocketPort, 1, (kind, body) -> {
        }, "test", rig -> edit.apply(rig.withWeb(Optional.of(new WebConfig("127.0.0.1", 0, tls, webSocketPort,
                brokerUrl)))));
        // As `rig run` schedules the service on a rig; and the simulated node, a microcontroller of its
        // own on a real rig, gets its CPU too: this test machine is shared with other builds, and a
        // starved node or loop trips SR-8/SR-9 host-delay faults that have nothing to do with the panel.
        demo.stack().service().realtime(REALTIME_PRIORITY);
        VirtualRig v = demo.hardware().rig();
        v.schedule(v.nowNanos(), () -> RealtimeScheduling.makeCurrentThreadFifo(REALTIME_PRIORITY + 2));
        demo.stack().start();
        Thread.sleep(300); // the node session and its link threads are running
        raiseThisProcessPriority();
        demo.prepare(line -> {
        });
        WebRig rig = new WebRig(demo, data, proxy);
        rig.clearFaults();
        return rig;
    }

    /**
     * Each scenario starts from a rig at rest, nothing latched, nobody in command, every winch referenced:
     * STOP, a reset of what is latched (a start on a busy machine can leave a host-delay fault), the panel
     * in command, if any, lets go (as its own trainer would; the scenario takes command itself), and the
     * technician references the winches again when a node reset lost their reference.
     */
    void clearFaults() throws Exception {
        RigController c = controller();
        c.submit(new Command.Stop(), DemoRig.TECHNICIAN).get(2, TimeUnit.SECONDS);
        String owner = c.status().controlOwner().orElse(null);
        Issuer who = owner == null ? DemoRig.TECHNICIAN : new Issuer(owner, rig().panels().stream()
                .filter(p -> p.id().equals(owner)).findFirst().map(PanelConfig::role)
                .orElseGet(() -> pairing().panel(owner).map(PairedPanel::role).orElse(PanelRole.TRAINER)));
        if (owner == null) {
            c.submit(new Command.TakeControl(), who).get(2, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while ((!c.status().faults().isEmpty() || c.mode() == Mode.FAULT || c.mode() == Mode.ESTOP)
                && System.nanoTime() < deadline) {
            c.submit(new Command.Reset(), who).get(2, TimeUnit.SECONDS);
            Thread.sleep(100);
        }
        c.submit(new Command.ReleaseControl(), who).get(2, TimeUnit.SECONDS);
        // a node link fault (a host delay on this busy machine) resets the node, and its winches' positions are
        // no longer trusted (SR-23): the technician references them again, as at the start, or no scenario
        // after it moves
        boolean trusted = true;
        for (int w = 0; w < rig().winches().size(); w++) {
            trusted &= demo.stack().service().safety().view().trusted(w);
        }
        if (!trusted) {
            demo.prepare(line -> {
            });
        }
        Thread.sleep(STATE_SETTLE_MS); // the panels hear the new state before the scenario reads them
    }

    /**
     * No client on the rig and none attached, as before a scenario's first attempt: a scenario retried
     * after a host delay otherwise finds the last attempt's client still hanging in the straps, and the rig
     * rightly refuses to attach one then (SR-20). The client gets off the virtual rig (what the trainer's
     * hands do), then a technician straps her out on the rig and lets go of command. After {@link #clearFaults}.
     */
    void noClient() throws Exception {
        virtual().locked(() -> {
            virtual().physics().client(null, Exercise.NONE);
            return null;
        });
        RigController c = controller();
        if (c.status().clientId().isEmpty()) {
            return;
        }
        c.submit(new Command.TakeControl(), DemoRig.TECHNICIAN).get(2, TimeUnit.SECONDS);
        // from READY a strap-out first goes back to strapping in (ATTACHING), a second one ends it
        Object last = null;
        for (int i = 0; i < 2 && c.status().clientId().isPresent(); i++) {
            last = c.submit(new Command.Detach(), DemoRig.TECHNICIAN).get(2, TimeUnit.SECONDS);
        }
        c.submit(new Command.ReleaseControl(), DemoRig.TECHNICIAN).get(2, TimeUnit.SECONDS);
        if (c.status().clientId().isPresent()) {
            throw new IllegalStateException("the last attempt's client is still attached in " + c.mode() + ": " + last);
        }
        Thread.sleep(STATE_SETTLE_MS);
    }

    /** A state change reaches the panels within a few telemetry periods (50 ms each). */
    static final long STATE_SETTLE_MS = 300;

    RigConfig rig() {
        return demo.rig();
    }

    /**
     * Every thread of this JVM at nice -10 (threads made later inherit it): the rig's MQTT and web
     * threads are not real-time, and a phone's browser runs on another machine than the rig. As root
     * only; elsewhere nothing changes.
     */
    static void raiseThisProcessPriority() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String tid = task.getFileName().toString();
                String name = Files.readString(task.resolve("comm")).strip();
                boolean signalPath = name.startsWith("serial-reader") || name.startsWith("serial-writer")
                        || name.startsWith("virtual-safety");
                // the in-process serial link's threads carry every frame between the simulated node and
                // the host: on a rig those bytes travel on a wire, not through this JVM's scheduler
                ProcessBuilder pb = signalPath
                        ? new ProcessBuilder("chrt", "--fifo", "--reset-on-fork", "--pid",
                                Integer.toString(REALTIME_PRIORITY + 1), tid)
                        : new ProcessBuilder("renice", "-n", "-10", "-p", tid);
                pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            }
        } catch (Exception e) {
            // not Linux, or not allowed: run at normal priority
        }
    }

    WebPanel web() {
        return demo.stack().web().orElseThrow();
    }

    /** The panel's address as a phone on the studio network would type it (here: loopback). */
    String url() {
        return web().url().toString();
    }

    PairingStore pairing() {
        return web().pairing();
    }

    /** A fresh one-time pairing code, 8 digits. */
    String newCode(PanelRole role) throws Exception {
        return pairing().newCode(role, Optional.empty(), "test", PairingStore.DEFAULT_CODE_LIFETIME).code();
    }

    RigController controller() {
        return demo.controller();
    }

    VirtualRig virtual() {
        return demo.hardware().rig();
    }

    /** The left leg strap's TRUE height above the mat, mm (the virtual rig's physics, not the controller's belief). */
    double trueStrapHeightMm() {
        return virtual().locked(() -> virtual().physics().endHeightMm(LEFT_LEG));
    }

    /** The left leg winch's TRUE speed, mm/s. */
    double trueSpeedMmPerS() {
        return virtual().locked(() -> virtual().physics().winch(0).velocityMmPerS());
    }

    /** A client hangs in the straps of the virtual rig (what a trainer's hands do when strapping in). */
    void clientInStraps(double massKg, double statureMm) {
        virtual().locked(() -> {
            virtual().physics().client(VirtualClient.reference(massKg, statureMm), Exercise.INVERTED_HANG);
            return null;
        });
    }

    @Override
    public void close() throws Exception {
        demo.close();
        if (proxy != null) {
            proxy.close();
        }
    }
}
