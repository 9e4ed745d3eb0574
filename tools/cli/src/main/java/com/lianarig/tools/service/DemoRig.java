package com.lianarig.tools.service;

import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.ProfileStore;
import com.lianarig.config.rig.MqttConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.rig.WebConfig;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigController;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The demo's rig, as {@code rig demo} runs it: the example rig file in a data directory, the
 * in-process virtual rig (calibrated), a few client profiles with their names, the whole service
 * ({@link ServiceStack}: journal, embedded broker, controller, MQTT, the web panel on loopback), and
 * what a technician does before the first session ({@link #prepare}). The web panel's browser tests
 * run against exactly this.
 */
public final class DemoRig implements AutoCloseable {
    /** The technician panel of the demo's rig file, used by {@link #prepare}. */
    public static final Issuer TECHNICIAN = new Issuer("tech-laptop", PanelRole.TECHNICIAN);

    /** What the demo appends to its copy of the rig file: its data directory is the file's own. */
    static final String DATA_DIR_HERE = "\n# rig demo: this directory holds the demo's data (journal, calibrations, profiles)\n"
            + "paths:\n  dataDir: .\n";

    private final Path rigFile;
    private final RigConfig rig;
    private final VirtualHardware.Started hardware;
    private final ServiceStack stack;

    private DemoRig(Path rigFile, RigConfig rig, VirtualHardware.Started hardware, ServiceStack stack) {
        this.rigFile = rigFile;
        this.rig = rig;
        this.hardware = hardware;
        this.stack = stack;
    }

    /**
     * Ports: null takes the rig file's (MQTT) or the demo's default when free (web 8080, WebSocket
     * 8081), else any free one; 0 any free one.
     *
     * @param mirror where journal records are mirrored
     * @throws IOException when the service cannot start (the address taken...), with the reason
     */
    public static DemoRig open(Path data, Integer mqttPort, Integer webPort, Integer webSocketPort, long seed,
            BiConsumer<String, String> mirror, String software) throws Exception {
        return open(data, mqttPort, webPort, webSocketPort, seed, mirror, software, UnaryOperator.identity());
    }

    /**
     * The same, with the rig file changed by {@code edit} after the ports are applied (the web panel's
     * tests give it HTTPS, or a broker URL through a proxy they can cut).
     */
    public static DemoRig open(Path data, Integer mqttPort, Integer webPort, Integer webSocketPort, long seed,
            BiConsumer<String, String> mirror, String software, UnaryOperator<RigConfig> edit) throws Exception {
        Path rigFile = rigFile(data);
        if (!Files.exists(rigFile)) {
            Files.createDirectories(data);
            try (InputStream in = DemoRig.class.getResourceAsStream("/demo/rig.yaml")) {
                // the data directory is written into the demo's own copy of the rig file, so that
                // "rig journal --config DATA/rig.yaml" finds the demo's journal with nothing else set
                Files.write(rigFile, (new String(in.readAllBytes(), StandardCharsets.UTF_8) + DATA_DIR_HERE)
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        RigConfig rig = new RigConfigLoader(Map.of("RIG_DATA_DIR", data.toString())).load(rigFile);
        if (mqttPort != null) {
            MqttConfig m = rig.mqtt();
            rig = rig.withMqtt(new MqttConfig(m.broker(), m.host(), mqttPort == 0 ? DemoCommand.port(0, 0) : mqttPort,
                    m.tls(), m.username(), m.passwordFile(), m.topicRoot(), m.telemetryHz(), m.clientId()));
        }
        if (rig.web().isEmpty()) {
            // SPEC 6a: the demo serves the web panel on loopback, plain HTTP
            rig = rig.withWeb(Optional.of(WebConfig.loopback(DemoCommand.port(webPort, WebConfig.DEFAULT_PORT),
                    DemoCommand.port(webSocketPort, WebConfig.DEFAULT_WEB_SOCKET_PORT))));
        }
        rig = edit.apply(rig);
        VirtualHardware.Started started = VirtualHardware.start(seed);
        try {
            VirtualHardware.calibrate(started.rig(), rig);
            ProfileStore profiles = new ProfileStore(rig.paths().profilesDir(), new NioFileOps());
            profiles.save(new ClientProfile("demo-client", 1750, 70, Map.of(), Map.of(), OptionalDouble.of(1400),
                    List.of()));
            DemoClients.create(profiles, rig.paths().dataDir());
            return new DemoRig(rigFile, rig, started, ServiceStack.open(rig, started.hardware(), mirror, software));
        } catch (Exception e) {
            RunCommand.closeQuietly(started.hardware());
            throw e;
        }
    }

    /** The demo's rig file in {@code data} (written there at the first start, then the user's to edit). */
    public static Path rigFile(Path data) {
        return data.resolve("rig.yaml");
    }

    public Path rigFile() {
        return rigFile;
    }

    public RigConfig rig() {
        return rig;
    }

    public VirtualHardware.Started hardware() {
        return hardware;
    }

    public ServiceStack stack() {
        return stack;
    }

    public RigController controller() {
        return stack.service().controller();
    }

    /**
     * What a technician does before a trainer's first session on the virtual rig: reference the
     * winches, waive today's pre-use check (a simulation), and give control back.
     *
     * @param say where each decision is told
     */
    public void prepare(Consumer<String> say) throws Exception {
        RigController c = controller();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (c.mode() == Mode.STARTING && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        ask(c, new Command.TakeControl(), say);
        for (var g : c.model().groups()) {
            ask(c, new Command.Reference(g.name(), stack.service().safety().view().positionMm(g.winches()[0])), say);
        }
        ask(c, new Command.PreUseCheckWaive("demo on the virtual rig"), say);
        ask(c, new Command.ReleaseControl(), say);
    }

    private static void ask(RigController c, Command command, Consumer<String> say) throws Exception {
        Decision d = c.submit(command, TECHNICIAN).get(2, TimeUnit.SECONDS);
        say.accept("  " + TECHNICIAN.panelId() + " " + command.name() + ": " + d);
    }

    @Override
    public void close() {
        stack.close();
    }
}
