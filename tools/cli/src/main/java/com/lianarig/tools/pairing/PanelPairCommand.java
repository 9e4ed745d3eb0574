package com.lianarig.tools.pairing;

import com.lianarig.config.ConfigException;
import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RigConfigLoader;
import com.lianarig.config.rig.WebConfig;
import com.lianarig.controller.web.PairedPanel;
import com.lianarig.controller.web.PairingStore;
import com.lianarig.controller.web.QrPicture;
import com.lianarig.tools.BadInputException;
import com.lianarig.tools.RigFileOption;
import com.lianarig.tools.journal.ConfigOption;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rig panel-pair}: a technician pairs a phone or tablet with the rig's web panel (SPEC 6a):
 * a one-time code (and a QR code of the panel's address with it) that the device types or scans;
 * {@code --list} shows the paired devices, {@code --revoke ID} takes one's rights away. Works on the
 * data directory while the service runs: the service sees a new code or a revocation within 200 ms.
 */
@Command(name = "panel-pair", mixinStandardHelpOptions = true, versionProvider = com.lianarig.tools.RigVersion.class,
        sortOptions = false,
        description = {"Pair a phone or tablet with the rig's web panel: prints a one-time code (8 digits, valid 10"
                + " minutes) and a QR code to scan; or list or revoke the paired devices.",
            "The rig file's configured panels are not touched: paired devices are kept in <dataDir>/panels/."})
public final class PanelPairCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RigFileOption rigFile = new RigFileOption();

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory instead of the rig file's (the "
            + "directory ./rig demo printed).")
    Path data;

    @ArgGroup(exclusive = true)
    Action action = new Action();

    static final class Action {
        @Option(names = "--list", description = "List the paired devices.")
        boolean list;

        @Option(names = "--revoke", paramLabel = "ID", description = "Revoke the paired device ID (web-xxxxxx): it can no"
                + " longer command the rig or read client names.")
        String revoke;

        @Option(names = "--mosquitto", description = "Print the paired devices as a studio's Mosquitto takes them: password"
                + " file lines and ACL blocks (config/examples/mosquitto/README.md).")
        boolean mosquitto;
    }

    @Option(names = "--technician", description = "The device is a technician's (pre-use check, pairing, revoking,"
            + " technician resets). Default: a trainer's.")
    boolean technician;

    @Option(names = "--name", paramLabel = "NAME", description = "What to call the device (default: what it calls itself).")
    String name;

    @Option(names = "--valid", paramLabel = "MINUTES", defaultValue = "10", description = "How long the code works"
            + " (default: ${DEFAULT-VALUE}, at most 1440).")
    long validMinutes;

    @Option(names = "--url", paramLabel = "URL", description = "The panel's address as the phone reaches it (default:"
            + " from the rig file's web section).")
    String url;

    @Option(names = "--no-qr", description = "No QR code, only the code.")
    boolean noQr;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public PanelPairCommand() {
        this(System.out, System.err, System.getenv());
    }

    PanelPairCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        com.lianarig.tools.OptionRules.of(spec).range("--valid", validMinutes, 1, 24 * 60, "minutes");
        try {
            return run();
        } catch (BadInputException e) {
            err.println("rig panel-pair: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("rig panel-pair: the paired devices cannot be read or written: " + e.getMessage());
            return ExitCode.SOFTWARE;
        }
    }

    private int run() throws BadInputException, IOException {
        Optional<RigConfig> rig;
        Path dataDir;
        if (data != null) {
            if (!Files.isDirectory(data)) {
                throw new BadInputException("--data " + data + " is not a directory");
            }
            dataDir = data.toAbsolutePath();
            Path rigFile = dataDir.resolve("rig.yaml");
            rig = Files.exists(rigFile) ? Optional.of(load(rigFile, Map.of("RIG_DATA_DIR", dataDir.toString())))
                    : Optional.empty();
        } else {
            RigConfig loaded = ConfigOption.load(rigFile, env).rig();
            rig = Optional.of(loaded);
            dataDir = loaded.paths().dataDir();
        }
        Set<String> reserved = rig.map(r -> r.panels().stream().map(PanelConfig::id).collect(Collectors.toSet()))
                .orElse(Set.of());
        PairingStore store = new PairingStore(dataDir, reserved, Clock.systemUTC(), System::nanoTime);
        if (action.list) {
            list(store);
            return ExitCode.OK;
        }
        if (action.mosquitto) {
            mosquitto(store, rig.orElseThrow(() -> new BadInputException("--mosquitto needs the rig file (its topic root)")));
            return ExitCode.OK;
        }
        if (action.revoke != null) {
            if (!store.revoke(action.revoke)) {
                throw new BadInputException("no paired device " + action.revoke + " (rig panel-pair --list shows them)");
            }
            out.println("revoked " + action.revoke + ": it can no longer command the rig or read client names"
                    + " (the running service drops it within a second)");
            return ExitCode.OK;
        }
        PairingStore.NewCode code;
        try {
            code = store.newCode(technician ? PanelRole.TECHNICIAN : PanelRole.TRAINER, Optional.ofNullable(name),
                    "rig panel-pair", Duration.ofMinutes(validMinutes));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--name " + e.getMessage().replace("the device name ", ""));
        }
        String until = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                .format(Instant.ofEpochMilli(code.expiresAtMs()));
        out.println("Pairing code for a " + code.role().id() + "'s device: " + code.code() + "  (works once, until "
                + until + ")");
        Optional<String> address = address(rig);
        if (address.isEmpty()) {
            out.println("On the phone, open the rig's web panel and type the code (give --url to get a QR code).");
            return ExitCode.OK;
        }
        String link = address.get() + (address.get().endsWith("/") ? "" : "/") + "#pair=" + code.code().replace(" ", "");
        out.println("On the phone, open " + address.get() + " and type the code, or scan this:");
        if (!noQr) {
            out.print(QrPicture.terminal(link));
        }
        return ExitCode.OK;
    }

    private static RigConfig load(Path rigFile, Map<String, String> env) throws BadInputException {
        try {
            return new RigConfigLoader(env).load(rigFile);
        } catch (ConfigException e) {
            throw new BadInputException("the rig file cannot be used: " + e.getMessage());
        }
    }

    /** The panel's address for the phone: --url, else the rig file's web section (a wildcard host: this machine's name). */
    private Optional<String> address(Optional<RigConfig> rig) throws BadInputException {
        if (url != null) {
            if (!url.matches("https?://[^\\s/#?]+(/[^\\s#?]*)?")) {
                throw new BadInputException("--url " + url + " is not an http:// or https:// address");
            }
            return Optional.of(url);
        }
        Optional<WebConfig> web = rig.flatMap(RigConfig::web);
        if (web.isEmpty()) {
            return Optional.empty();
        }
        String host = web.get().host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of((web.get().tls().isPresent() ? "https://" : "http://") + (host.contains(":") ? "[" + host
                + "]" : host) + ":" + web.get().port() + "/");
    }

    /** Password lines (the hashes are already Mosquitto's $7$ form) and one ACL block per paired device. */
    private void mosquitto(PairingStore store, RigConfig rig) {
        String root = rig.mqtt().topicRoot();
        out.println("# Password file lines: add them to Mosquitto's password_file, then systemctl reload mosquitto.");
        for (PairedPanel p : store.panels()) {
            out.println(p.id() + ":" + p.secretHash());
        }
        out.println();
        out.println("# ACL blocks: add them to Mosquitto's acl_file (a revoked device: remove its line and block).");
        for (PairedPanel p : store.panels()) {
            out.println("# " + p.name() + " (" + p.role().id() + ")");
            out.println("user " + p.id());
            out.println("topic write " + root + "/cmd/" + p.id());
            out.println("topic read " + root + "/reply/" + p.id());
            for (String t : List.of("status", "state", "telemetry", "events")) {
                out.println("topic read " + root + "/" + t);
            }
            out.println();
        }
    }

    private void list(PairingStore store) {
        List<PairedPanel> panels = store.panels();
        if (panels.isEmpty()) {
            out.println("no paired devices" + (store.pendingCodes() > 0 ? " (" + store.pendingCodes()
                    + " unused code(s) waiting)" : ""));
            return;
        }
        DateTimeFormatter when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
        out.printf("%-11s %-10s %-16s %-20s %s%n", "id", "role", "paired", "by", "name");
        for (PairedPanel p : panels) {
            out.printf("%-11s %-10s %-16s %-20s %s%n", p.id(), p.role().id(), when.format(Instant.ofEpochMilli(
                    p.pairedAtMs())), p.pairedBy(), p.name());
        }
        if (store.pendingCodes() > 0) {
            out.println(store.pendingCodes() + " unused code(s) waiting");
        }
    }
}
