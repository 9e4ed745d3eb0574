package com.lianarig.config.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.yaml.Documents;
import com.lianarig.config.yaml.ObjectReader;
import com.lianarig.config.yaml.Problems;
import com.lianarig.config.yaml.TextRule;
import com.lianarig.config.yaml.Texts;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and validates a rig file (docs/rig-config.md documents every key).
 *
 * <p>The file is parsed into a tree, then walked key by key: unknown keys, wrong types, values out of
 * range or beyond a hard cap and broken rules between sections are all collected, and the load fails
 * with one {@link ConfigException} listing every one, each with the file, line, path, value and rule.
 * Nothing is clamped or guessed: a value is either valid or reported. Relative paths in the file are
 * resolved against the file's directory.
 *
 * <p>Stateless apart from the environment it was given; safe to share.
 */
public final class RigConfigLoader {
    /** The rig file format this loader reads. */
    public static final int FORMAT_VERSION = 1;
    /** The largest rig file read, bytes. */
    static final long MAX_FILE_BYTES = Documents.MAX_CHARS;

    private static final Logger LOG = LoggerFactory.getLogger(RigConfigLoader.class);
    private static final TextRule SERIAL = t -> ChannelRef.serialProblem(t);
    private static final TextRule HOST = TextRule.matching(MqttConfig.HOST.pattern(), "a host name or IP address");
    private static final TextRule CLIENT_ID = TextRule.matching(MqttConfig.CLIENT_ID.pattern(),
            "1..64 of A-Z a-z 0-9 . _ -");
    private static final TextRule USERNAME = TextRule.matching("[\\x21-\\x7E]{1,64}",
            "1..64 printable characters without spaces");
    private static final TextRule TOPIC_ROOT = MqttConfig::topicRootProblem;

    private final Map<String, String> env;

    /** @param env the environment ({@link DataPathDefaults#ENV} is read from it) */
    public RigConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A loader that reads the process environment. */
    public static RigConfigLoader fromEnvironment() {
        return new RigConfigLoader(System.getenv());
    }

    /**
     * Reads and validates a rig file.
     *
     * @throws ConfigException listing every problem (including a file that cannot be read)
     */
    public RigConfig load(Path rigFile) throws ConfigException {
        byte[] bytes;
        try {
            // A FIFO would block the read until a writer comes (rig run hung on one), a device like
            // /dev/zero never ends: only a regular file is read (links followed).
            BasicFileAttributes kind = Files.readAttributes(rigFile, BasicFileAttributes.class);
            if (kind.isDirectory()) {
                throw fileError(rigFile, "is a directory, not a rig file");
            }
            if (!kind.isRegularFile()) {
                throw fileError(rigFile, "is not a regular file (a FIFO, socket or device): give the rig file itself");
            }
            if (Files.size(rigFile) > MAX_FILE_BYTES) {
                throw fileError(rigFile, "is larger than " + (MAX_FILE_BYTES >> 10) + " KiB: not a rig file");
            }
            bytes = Files.readAllBytes(rigFile);
        } catch (NoSuchFileException e) {
            throw fileError(rigFile, "does not exist");
        } catch (AccessDeniedException e) {
            throw fileError(rigFile, "cannot be read: permission denied");
        } catch (IOException e) {
            throw fileError(rigFile, "cannot be read: " + Texts.describe(e));
        }
        return parse(bytes, rigFile);
    }

    /**
     * Validates a rig file's bytes: UTF-8 (a byte-order mark is accepted), then {@link #parse(String, Path)}.
     *
     * @param rigFile where the bytes came from: names it in messages and anchors relative paths
     * @throws ConfigException listing every problem
     */
    public RigConfig parse(byte[] bytes, Path rigFile) throws ConfigException {
        Problems problems = new Problems(rigFile.toString());
        String text = Texts.utf8(bytes, problems);
        problems.throwIfAny();
        return parse(text, rigFile);
    }

    /**
     * Validates rig-file text.
     *
     * @param rigFile where the text came from: names it in messages and anchors relative paths
     * @throws ConfigException listing every problem
     */
    public RigConfig parse(String text, Path rigFile) throws ConfigException {
        Problems problems = new Problems(rigFile.toString());
        JsonNode root = Documents.parse(text, Documents.Format.YAML, problems);
        ObjectReader r = ObjectReader.root(problems, root, "a rig file");
        RigConfig rig = r == null ? null : r.build(o -> rig(o, DataPathDefaults.rigDirectory(rigFile), rigFile));
        problems.throwIfAny();
        if (rig == null) {
            throw fileError(rigFile, "could not be read");
        }
        LOG.info("Rig file {} loaded: {} node(s), {} winch(es), {} rope(s)", rigFile, rig.nodes().size(),
                rig.winches().size(), rig.ropes().size());
        return rig;
    }

    private static ConfigException fileError(Path file, String rule) {
        return new ConfigException(new ConfigError(file.toString(), "", 0, 0, null, rule));
    }

    // ---- the root

    private RigConfig rig(ObjectReader r, Path dir, Path rigFile) {
        r.formatVersion(FORMAT_VERSION, "the rig file format, " + FORMAT_VERSION);
        Problems problems = r.problems();

        int mark = problems.count();
        List<NodeConfig> nodes = entries(r, "nodes", true, 1, RigConfig.MAX_NODES, "a node", this::node);
        boolean nodesComplete = problems.count() == mark;

        mark = problems.count();
        List<WinchConfig> winches = entries(r, "winches", false, 0, RigConfig.MAX_WINCHES, "a winch", this::winch);
        boolean winchesComplete = problems.count() == mark;

        mark = problems.count();
        List<RopeConfig> ropes = entries(r, "ropes", true, RigConfig.MIN_ROPES, RigConfig.MAX_ROPES, "a rope",
                this::rope);
        boolean ropesComplete = problems.count() == mark;

        Limits limits = r.optionalObject("limits", "the limits section").map(o -> o.build(this::limits))
                .orElseGet(() -> r.has("limits") ? null : Limits.defaults());
        ObjectReader g = r.object("gpio", "the gpio section");
        GpioConfig gpio = g == null ? null : g.build(this::gpio);
        ObjectReader m = r.object("mqtt", "the mqtt section");
        MqttConfig mqtt = m == null ? null : m.build(o -> mqtt(o, dir));
        List<PanelConfig> panels = entries(r, "panels", false, 0, RigConfig.MAX_PANELS, "a panel", this::panel);
        Optional<WebConfig> web = r.optionalObject("web", "the web panel section").map(o -> o.build(w -> web(w, dir)));
        boolean webBad = r.has("web") && web.isEmpty();
        DataPaths paths = r.optionalObject("paths", "the paths section").map(o -> o.build(p -> paths(p, dir, rigFile)))
                .orElseGet(() -> r.has("paths") ? null : defaultPaths(r, rigFile));
        JournalConfig journal = r.optionalObject("journal", "the journal section")
                .map(o -> o.build(j -> journal(j, dir, paths)))
                .orElseGet(() -> r.has("journal") || paths == null ? null : defaultJournal(paths));

        for (RigChecks.Problem p : RigChecks.check(new RigChecks.Parts(nodes, nodesComplete, winches,
                winchesComplete, ropes, ropesComplete, limits, mqtt, panels))) {
            problems.addRendered(p.path(), p.value(), p.rule());
        }
        if (mqtt != null && web.isPresent() && web.get().brokerProblem(mqtt) != null) {
            r.error("web", web.get().brokerProblem(mqtt));
        }
        if (!r.clean() || webBad) {
            return null;
        }
        return r.construct(() -> new RigConfig(nodes, winches, ropes, limits, gpio, mqtt, panels, journal, paths,
                web));
    }

    /** A list section: one entry per list element, null where an element did not load. */
    private static <T> List<T> entries(ObjectReader r, String key, boolean required, int min, int max, String what,
            Function<ObjectReader, T> body) {
        List<T> out = new ArrayList<>();
        for (ObjectReader e : r.objects(key, required, min, max, what)) {
            out.add(e == null ? null : e.build(body));
        }
        return out;
    }

    // ---- nodes

    private NodeConfig node(ObjectReader o) {
        String id = o.text("id", TextRule.ID, "an id");
        long address = o.integer("address", NodeConfig.MIN_ADDRESS, NodeConfig.MAX_ADDRESS, "");
        String serial = o.text("serial", SERIAL, "the node serial its IDENTIFY reports");
        ObjectReader p = o.object("port", "a port (path, usbSerial or vidPid)");
        PortSelector port = p == null ? null : p.build(this::port);
        long baud = o.integer("baud", NodeConfig.DEFAULT_BAUD, NodeConfig.MIN_BAUD, NodeConfig.MAX_BAUD, "bit/s");
        long sampleRate = o.integer("sampleRateHz", NodeConfig.DEFAULT_SAMPLE_RATE_HZ, NodeConfig.MIN_SAMPLE_RATE_HZ,
                NodeConfig.MAX_SAMPLE_RATE_HZ, "Hz");
        long statusRate = o.integer("statusRateHz", NodeConfig.DEFAULT_STATUS_RATE_HZ, NodeConfig.MIN_STATUS_RATE_HZ,
                NodeConfig.MAX_STATUS_RATE_HZ, "Hz");
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new NodeConfig(id, (int) address, serial, port, (int) baud, (int) sampleRate,
                (int) statusRate));
    }

    private PortSelector port(ObjectReader o) {
        String which = o.exactlyOne("path", "usbSerial", "vidPid");
        if (which == null) {
            return null;
        }
        return switch (which) {
            case "path" -> {
                String path = o.text("path", TextRule.matching("[^\\s]{1,256}", "a device path without spaces"),
                        "a device path such as /dev/ttyACM0");
                yield path == null ? null : o.construct(() -> new PortSelector.DevicePath(path));
            }
            case "usbSerial" -> {
                String serial = o.text("usbSerial", TextRule.matching("[\\x21-\\x7E]{1,64}",
                        "1..64 printable ASCII characters without spaces"), "the USB adapter's serial number");
                yield serial == null ? null : o.construct(() -> new PortSelector.UsbSerial(serial));
            }
            default -> {
                String text = o.text("vidPid", t -> PortSelector.VidPid.parse(t) == null
                        ? "is not a USB vendor:product id in hex, like \"1A86:7523\"" : null,
                        "a USB vendor:product id in hex, like \"1A86:7523\"");
                yield text == null ? null : PortSelector.VidPid.parse(text);
            }
        };
    }

    // ---- winches

    private WinchConfig winch(ObjectReader o) {
        String id = o.text("id", TextRule.ID, "an id");
        String node = o.text("node", TextRule.ID, "the id of the node that drives it");
        long index = o.integer("index", 0, WinchConfig.MAX_INDEX, "");
        double drum = o.number("drumRadiusMm", WinchConfig.MIN_DRUM_RADIUS_MM, WinchConfig.MAX_DRUM_RADIUS_MM, "mm");
        double countsPerMm = Double.NaN;
        String scale = o.exactlyOne("countsPerMm", "mmPerCount");
        if ("countsPerMm".equals(scale)) {
            countsPerMm = o.number(scale, WinchConfig.MIN_COUNTS_PER_MM, WinchConfig.MAX_COUNTS_PER_MM, "counts/mm");
        } else if ("mmPerCount".equals(scale)) {
            countsPerMm = 1 / o.number(scale, 1 / WinchConfig.MAX_COUNTS_PER_MM, 1 / WinchConfig.MIN_COUNTS_PER_MM,
                    "mm/count");
        }
        double travel = o.number("travelMm", WinchConfig.MIN_TRAVEL_MM, WinchConfig.MAX_TRAVEL_MM, "mm");
        double lower = o.number("lowerLimitMm", 0, WinchConfig.MAX_TRAVEL_MM, "mm");
        double upper = o.number("upperLimitMm", 0, WinchConfig.MAX_TRAVEL_MM, "mm");
        double softLow = o.number("softLowMm", 0, WinchConfig.MAX_TRAVEL_MM, "mm");
        double softHigh = o.number("softHighMm", 0, WinchConfig.MAX_TRAVEL_MM, "mm");
        double base = o.number("baseHeightMm", 0, WinchConfig.MAX_BASE_HEIGHT_MM, "mm");
        Optional<String> pair = o.optionalText("pair", TextRule.ID, "a pair name");
        if (!o.clean()) {
            return null;
        }
        above(o, "softLowMm", softLow, "lowerLimitMm", lower, "targets must stop short of the limit switch");
        above(o, "softHighMm", softHigh, "softLowMm", softLow, "the soft range runs upward");
        above(o, "upperLimitMm", upper, "softHighMm", softHigh, "targets must stop short of the limit switch");
        if (upper > travel) {
            o.error("upperLimitMm", "is beyond travelMm " + Problems.number(travel));
        }
        if (travel * countsPerMm > WinchConfig.MAX_TRAVEL_COUNTS) {
            o.error(scale, "makes travelMm " + Problems.number(travel) + " more than 2^31 encoder counts");
        }
        if (!o.clean()) {
            return null;
        }
        double cpm = countsPerMm;
        return o.construct(() -> new WinchConfig(id, node, (int) index, drum, cpm, travel, lower, upper, softLow,
                softHigh, base, pair));
    }

    private static void above(ObjectReader o, String key, double value, String belowKey, double below, String why) {
        if (!(value > below)) {
            o.error(key, "is not above " + belowKey + " " + Problems.number(below) + ": " + why);
        }
    }

    // ---- ropes

    private RopeConfig rope(ObjectReader o) {
        String id = o.text("id", TextRule.ID, "an id");
        RopeKind kind = o.choice("kind", RopeKind.class);
        Side side = o.choice("side", Side.class);
        String anchor = o.exactlyOne("winch", "fixedHeightMm");
        Optional<String> winch = Optional.empty();
        OptionalDouble fixed = OptionalDouble.empty();
        if ("winch".equals(anchor)) {
            winch = Optional.ofNullable(o.text("winch", TextRule.ID, "the id of the winch it hangs from"));
        } else if ("fixedHeightMm".equals(anchor)) {
            fixed = o.optionalNumber("fixedHeightMm", 0, RopeConfig.MAX_FIXED_HEIGHT_MM, "mm");
            if (kind == RopeKind.LEG_STRAP) {
                o.error("fixedHeightMm", "is a fixed point, but a leg strap hangs from a winch");
            }
        }
        String node = o.text("node", TextRule.ID, "the id of the node its load cell is on");
        long channel = o.integer("channel", 0, ChannelRef.MAX_CHANNEL, "");
        double rated = o.number("ratedWorkingLoadKg", RopeConfig.MIN_RATED_WORKING_LOAD_KG,
                RopeConfig.MAX_RATED_WORKING_LOAD_KG, "kg");
        OptionalDouble limit = o.rawNumber("limitKg", null);
        double limitKg = Double.NaN;
        if (limit.isPresent()) {
            limitKg = limit.getAsDouble();
            if (limitKg < RopeConfig.MIN_LIMIT_KG) {
                o.error("limitKg", "is below the minimum " + Problems.number(RopeConfig.MIN_LIMIT_KG) + " kg");
            } else if (!Double.isNaN(rated) && limitKg > rated) {
                o.error("limitKg", "is above the rope's ratedWorkingLoadKg " + Problems.number(rated)
                        + " (SR-1: never above the rated working load)");
            } else if (limitKg > RopeConfig.MAX_RATED_WORKING_LOAD_KG) {
                o.error("limitKg", "is above the maximum " + Problems.number(RopeConfig.MAX_RATED_WORKING_LOAD_KG)
                        + " kg");
            }
        } else if (!Double.isNaN(rated) && !o.has("limitKg")) {
            limitKg = RopeConfig.defaultLimitKg(rated);
        }
        double stiffness = o.number("stiffnessNPerMm", RopeConfig.MIN_STIFFNESS_N_PER_MM,
                RopeConfig.MAX_STIFFNESS_N_PER_MM, "N/mm");
        if (!o.clean()) {
            return null;
        }
        Optional<String> w = winch;
        OptionalDouble f = fixed;
        double l = limitKg;
        return o.construct(() -> new RopeConfig(id, kind, side, w, f, node, (int) channel, rated, l, stiffness));
    }

    // ---- limits

    private Limits limits(ObjectReader o) {
        Map<LimitSpec, Double> values = new EnumMap<>(LimitSpec.class);
        for (LimitSpec spec : LimitSpec.values()) {
            if (!o.has(spec.key())) {
                values.put(spec, spec.defaultValue());
                continue;
            }
            OptionalDouble v = o.rawNumber(spec.key(), null);
            if (v.isEmpty()) {
                continue;
            }
            String why = spec.problem(v.getAsDouble());
            if (why != null) {
                o.error(spec.key(), why);
            } else {
                values.put(spec, v.getAsDouble());
            }
        }
        if (!o.clean()) {
            return null;
        }
        for (Limits.Problem p : Limits.crossProblems(values)) {
            o.problems().add(o.path(p.spec().key()), p.value(), p.rule());
        }
        return o.clean() ? o.construct(() -> new Limits(values)) : null;
    }

    // ---- gpio

    private GpioConfig gpio(ObjectReader o) {
        List<String> pinPaths = new ArrayList<>();
        List<Long> pins = new ArrayList<>();
        long chain = pin(o, "safetyChainMonitorPin", pinPaths, pins);
        Optional<PendantPins> pendant = o.optionalObject("pendant", "the pendant's pins").map(p -> p.build(x -> {
            long up = pin(x, "upPin", pinPaths, pins);
            long down = pin(x, "downPin", pinPaths, pins);
            long enable = pin(x, "enablePin", pinPaths, pins);
            return x.clean() ? x.construct(() -> new PendantPins((int) up, (int) down, (int) enable)) : null;
        }));
        long debounce = o.integer("debounceMs", GpioConfig.DEFAULT_DEBOUNCE_MS, GpioConfig.MIN_DEBOUNCE_MS,
                GpioConfig.MAX_DEBOUNCE_MS, "ms");
        Optional<OutputPin> light = output(o, "statusLight", pinPaths, pins);
        Optional<OutputPin> buzzer = output(o, "buzzer", pinPaths, pins);
        if (!o.clean()) {
            return null;
        }
        for (int i = 1; i < pins.size(); i++) {
            int first = pins.indexOf(pins.get(i));
            if (first < i) {
                o.problems().add(pinPaths.get(i), pins.get(i), "is already used by " + pinPaths.get(first)
                        + ": every GPIO does one thing");
            }
        }
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new GpioConfig((int) chain, pendant, (int) debounce, light, buzzer));
    }

    private static long pin(ObjectReader o, String key, List<String> paths, List<Long> pins) {
        long pin = o.integer(key, 0, GpioConfig.MAX_PIN, "(BCM GPIO number)");
        paths.add(o.path(key));
        pins.add(pin);
        return pin;
    }

    private static Optional<OutputPin> output(ObjectReader o, String key, List<String> paths, List<Long> pins) {
        return o.optionalObject(key, "an output (pin, shutdownState)").map(x -> x.build(y -> {
            long pin = pin(y, "pin", paths, pins);
            PinState state = y.choice("shutdownState", PinState.class, PinState.LOW);
            return y.clean() ? y.construct(() -> new OutputPin((int) pin, state)) : null;
        }));
    }

    // ---- mqtt

    private MqttConfig mqtt(ObjectReader o, Path dir) {
        BrokerMode broker = o.choice("broker", BrokerMode.class, BrokerMode.EMBEDDED);
        String host = broker == BrokerMode.EXTERNAL
                ? o.text("host", HOST, "the broker's host name or address")
                : o.optionalText("host", HOST, "the address the embedded broker listens on")
                        .orElse(MqttConfig.DEFAULT_EMBEDDED_HOST);
        Optional<TlsConfig> tls = o.optionalObject("tls", "the TLS settings").map(t -> t.build(x -> tls(x, dir)));
        long port = o.integer("port", o.has("tls") ? MqttConfig.DEFAULT_TLS_PORT : MqttConfig.DEFAULT_PORT, 1, 65_535,
                "");
        Optional<String> username = o.optionalText("username", USERNAME, "the user the controller connects as");
        Optional<Path> passwordFile = o.optionalText("passwordFile", Texts.PATH, "a file holding the password")
                .map(p -> dir.resolve(p).normalize());
        if (passwordFile.isPresent() && username.isEmpty() && o.clean()) {
            o.error("passwordFile", "needs a username");
        }
        String topicRoot = o.text("topicRoot", TOPIC_ROOT, "the topic root, e.g. liana/v1/studio-a/rig-1");
        long telemetryHz = o.integer("telemetryHz", MqttConfig.DEFAULT_TELEMETRY_HZ, MqttConfig.MIN_TELEMETRY_HZ,
                MqttConfig.MAX_TELEMETRY_HZ, "Hz");
        Optional<String> clientId = o.optionalText("clientId", CLIENT_ID, "the controller's MQTT client id");
        Optional<String> homeAssistant = o.optionalObject("homeAssistant", "Home Assistant's MQTT discovery (opt-in)")
                .map(h -> h.build(x -> x.optionalText("discoveryPrefix", TOPIC_ROOT,
                        "Home Assistant's discovery prefix, e.g. homeassistant")
                        .orElse(MqttConfig.DEFAULT_HOME_ASSISTANT_PREFIX)));
        if (!o.clean()) {
            return null;
        }
        String id = clientId.orElse(MqttConfig.defaultClientId(topicRoot));
        return o.construct(() -> new MqttConfig(broker, host, (int) port, tls, username, passwordFile, topicRoot,
                (int) telemetryHz, id, homeAssistant));
    }

    private static TlsConfig tls(ObjectReader o, Path dir) {
        String ca = o.text("caFile", Texts.PATH, "the CA certificate file (PEM)");
        Optional<String> cert = o.optionalText("certFile", Texts.PATH, "the client certificate file (PEM)");
        Optional<String> key = o.optionalText("keyFile", Texts.PATH, "the client key file (PEM)");
        if (o.clean() && cert.isPresent() != key.isPresent()) {
            o.error(cert.isPresent() ? "certFile" : "keyFile", "needs " + (cert.isPresent() ? "keyFile" : "certFile")
                    + " too: a client certificate goes with its key");
        }
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new TlsConfig(dir.resolve(ca).normalize(),
                cert.map(c -> dir.resolve(c).normalize()), key.map(k -> dir.resolve(k).normalize())));
    }

    // ---- web

    private WebConfig web(ObjectReader o, Path dir) {
        String host = o.optionalText("host", HOST, "the address the web panel listens on").orElse(WebConfig.DEFAULT_HOST);
        Optional<WebConfig.Certificate> tls = o.optionalObject("tls", "the rig's certificate")
                .map(t -> t.build(x -> certificate(x, dir)));
        long port = o.integer("port", o.has("tls") ? WebConfig.DEFAULT_TLS_PORT : WebConfig.DEFAULT_PORT, 1, 65_535, "");
        long webSocketPort = o.integer("webSocketPort", WebConfig.DEFAULT_WEB_SOCKET_PORT, 1, 65_535, "");
        Optional<String> brokerUrl = o.optionalText("brokerUrl",
                t -> WebConfig.brokerUrlProblem(t, o.has("tls")), "the broker's WebSocket URL, e.g. wss://rig-1.studio:8884/mqtt");
        if (o.clean() && tls.isEmpty() && !WebConfig.loopback(host)) {
            o.error("host", "is not a loopback address: serving the panel to the network needs web.tls (the rig's "
                    + "certificate), or the panel's credentials would cross the network in clear");
        }
        if (!o.clean() || (o.has("tls") && tls.isEmpty())) {
            return null;
        }
        Optional<WebConfig.PairedUsers> pairedUsers = o.optionalObject("pairedUsers",
                "the broker user that adds and deletes the paired devices' users").map(u -> u.build(x -> pairedUsers(x, dir)));
        if (!o.clean() || (o.has("pairedUsers") && pairedUsers.isEmpty())) {
            return null;
        }
        return o.construct(() -> new WebConfig(host, (int) port, tls, (int) webSocketPort, brokerUrl, pairedUsers));
    }

    private static WebConfig.PairedUsers pairedUsers(ObjectReader o, Path dir) {
        String username = o.text("username", USERNAME, "the broker user that manages the paired devices");
        String passwordFile = o.text("passwordFile", Texts.PATH, "a file holding that user's password");
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new WebConfig.PairedUsers(username, dir.resolve(passwordFile).normalize()));
    }

    private static WebConfig.Certificate certificate(ObjectReader o, Path dir) {
        String cert = o.text("certFile", Texts.PATH, "the rig's certificate file (PEM)");
        String key = o.text("keyFile", Texts.PATH, "the certificate's private key file (PEM, PKCS#8)");
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new WebConfig.Certificate(dir.resolve(cert).normalize(), dir.resolve(key).normalize()));
    }

    // ---- panels, paths, journal

    private PanelConfig panel(ObjectReader o) {
        String id = o.text("id", TextRule.ID, "an id");
        PanelRole role = o.choice("role", PanelRole.class);
        return o.clean() ? o.construct(() -> new PanelConfig(id, role)) : null;
    }

    private DataPaths paths(ObjectReader o, Path dir, Path rigFile) {
        Optional<Path> data = o.optionalText("dataDir", Texts.PATH, "a directory").map(p -> dir.resolve(p).normalize());
        Optional<Path> calibration = o.optionalText("calibrationDir", Texts.PATH, "a directory")
                .map(p -> dir.resolve(p).normalize());
        Optional<Path> profiles = o.optionalText("profilesDir", Texts.PATH, "a directory")
                .map(p -> dir.resolve(p).normalize());
        Optional<Path> journal = o.optionalText("journalDir", Texts.PATH, "a directory")
                .map(p -> dir.resolve(p).normalize());
        if (!o.clean()) {
            return null;
        }
        Path root = data.orElseGet(() -> defaultDataDir(o.problems(), rigFile));
        if (root == null) {
            return null;
        }
        DataPaths d = DataPaths.under(root);
        return new DataPaths(root, calibration.orElse(d.calibrationDir()), profiles.orElse(d.profilesDir()),
                journal.orElse(d.journalDir()));
    }

    private DataPaths defaultPaths(ObjectReader r, Path rigFile) {
        Path root = defaultDataDir(r.problems(), rigFile);
        return root == null ? null : DataPaths.under(root);
    }

    private Path defaultDataDir(Problems problems, Path rigFile) {
        try {
            return DataPathDefaults.choose(rigFile, env).dataDir();
        } catch (IllegalArgumentException e) {
            problems.addRendered("paths.dataDir", Problems.quote(env.get(DataPathDefaults.ENV)),
                    "(from the environment variable " + DataPathDefaults.ENV + ") " + e.getMessage());
            return null;
        }
    }

    private static JournalConfig journal(ObjectReader o, Path dir, DataPaths paths) {
        Optional<Path> path = o.optionalText("path", Texts.PATH, "the journal file")
                .map(p -> dir.resolve(p).normalize());
        long maxBytes = o.integer("maxBytes", JournalConfig.DEFAULT_MAX_BYTES, JournalConfig.MIN_MAX_BYTES,
                JournalConfig.MAX_MAX_BYTES, "bytes");
        if (!o.clean() || (path.isEmpty() && paths == null)) {
            return null;
        }
        Path p = path.orElseGet(() -> paths.journalDir().resolve(JournalConfig.DEFAULT_FILE_NAME));
        return o.construct(() -> new JournalConfig(p, maxBytes));
    }

    private static JournalConfig defaultJournal(DataPaths paths) {
        return new JournalConfig(paths.journalDir().resolve(JournalConfig.DEFAULT_FILE_NAME),
                JournalConfig.DEFAULT_MAX_BYTES);
    }
}
