package com.lianarig.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb the build made (target/liana-rig_VERSION_all.deb), checked with Debian's own tools:
 * {@code dpkg-deb} (control fields, conffiles, files and modes), {@code lintian} (no errors), the unit
 * with {@code systemd-analyze verify}; the maintainer scripts run against recording stand-ins for
 * adduser, rm, systemctl...; the packaged launcher runs the packaged jar.
 *
 * <p>dpkg-deb and lintian must be installed ({@code ./run-tests} installs them): a missing one fails the
 * test with the command that installs it. On a machine where they cannot be installed,
 * {@code RIG_SKIP_DEB_TOOLS=1} turns that failure into a skip that names the tool; CI never sets it.
 * systemd-analyze is checked where it exists and skipped, with the reason, where it does not.
 */
class DebPackageIT {
    private static final Path DEB = Path.of(System.getProperty("deb.file", "target/missing.deb"));
    private static final String DEB_VERSION = System.getProperty("deb.version", "");
    private static final String RIG_VERSION = System.getProperty("rig.version", "");
    private static final String UNIT = "lib/systemd/system/liana-rig.service";

    @TempDir
    static Path work;
    private static Path root;
    private static Path control;

    @BeforeAll
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(DEB), "the build made no package at " + DEB);
        requireTool("dpkg-deb", "dpkg");
        root = work.resolve("root");
        control = work.resolve("control");
        Cmd.run("dpkg-deb", "-x", DEB.toString(), root.toString()).ok("dpkg-deb -x");
        Cmd.run("dpkg-deb", "-e", DEB.toString(), control.toString()).ok("dpkg-deb -e");
    }

    static void requireTool(String tool, String debianPackage) {
        if (Cmd.onPath(tool)) {
            return;
        }
        String why = tool + " is not installed: apt-get install " + debianPackage + " (./run-tests installs it)";
        if ("1".equals(System.getenv("RIG_SKIP_DEB_TOOLS"))) {
            Assumptions.abort(why + "; skipped because RIG_SKIP_DEB_TOOLS=1");
        }
        fail(why + ". On a machine where it cannot be installed, RIG_SKIP_DEB_TOOLS=1 skips this check.");
    }

    // ------------------------------------------------------------------ control

    private static Map<String, String> fields() throws Exception {
        String out = Cmd.run("dpkg-deb", "--field", DEB.toString()).ok("dpkg-deb --field").stdout();
        Map<String, String> fields = new LinkedHashMap<>();
        String last = null;
        for (String line : out.split("\n")) {
            if (line.startsWith(" ") && last != null) {
                fields.merge(last, "\n" + line, String::concat);
            } else if (line.contains(":")) {
                last = line.substring(0, line.indexOf(':'));
                fields.put(last, line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return fields;
    }

    @Test
    void controlFieldsDescribeAnArchitectureIndependentPackageOnJava17() throws Exception {
        Map<String, String> f = fields();
        assertEquals("liana-rig", f.get("Package"));
        assertEquals("all", f.get("Architecture"));
        assertEquals(DEB_VERSION, f.get("Version"));
        String depends = f.get("Depends");
        assertTrue(depends.contains("openjdk-17-jre-headless | java17-runtime-headless"), depends);
        assertTrue(depends.matches(".*\\badduser\\b.*"), "postinst uses adduser: " + depends);
        assertTrue(depends.contains("mosquitto (>= 2.0)"), "the rig's broker: " + depends);
        assertTrue(depends.matches(".*\\bopenssl\\b.*"), "postinst makes the rig CA with openssl: " + depends);
        assertTrue(f.get("Maintainer").matches(".+ <[^@ ]+@[^@ ]+>"), f.get("Maintainer"));
        assertTrue(Integer.parseInt(f.get("Installed-Size")) > 1000, "rig.jar is several MB: " + f.get("Installed-Size"));
        assertTrue(f.get("Description").contains("\n"), "a synopsis and a long description");
    }

    @Test
    void debianVersionIsTheProjectVersionWithARevisionAndTopsTheChangelog() throws Exception {
        // 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT (sorts before the 0.1.0 release), then -REVISION
        String upstream = RIG_VERSION.replace("-SNAPSHOT", "~SNAPSHOT");
        assertTrue(DEB_VERSION.matches(Pattern.quote(upstream) + "-[0-9]+"),
                "deb.version " + DEB_VERSION + " must be " + upstream + "-REVISION (tools/deb/pom.xml)");
        String changelog;
        try (InputStream in = new GZIPInputStream(
                Files.newInputStream(root.resolve("usr/share/doc/liana-rig/changelog.Debian.gz")))) {
            changelog = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(changelog.startsWith("liana-rig (" + DEB_VERSION + ") "), changelog);
    }

    @Test
    void conffilesAreTheRigFileTheLoggingTheJvmSettingsAndTheBrokerConfiguration() throws Exception {
        Set<String> conffiles = new TreeSet<>(Files.readAllLines(control.resolve("conffiles")));
        conffiles.remove("");
        assertEquals(new TreeSet<>(List.of("/etc/default/liana-rig", "/etc/liana-rig/logback.xml",
                "/etc/liana-rig/rig.yaml", "/etc/mosquitto/conf.d/liana-rig.conf", "/etc/mosquitto/liana-rig/acl")),
                conffiles);
    }

    // ------------------------------------------------------------------ data

    /** path -> "mode owner/group" for every entry of the package. */
    private static Map<String, String> contents() throws Exception {
        String out = Cmd.run("dpkg-deb", "--contents", DEB.toString()).ok("dpkg-deb --contents").stdout();
        Pattern line = Pattern.compile("(\\S{10}) (\\S+/\\S+) +\\d+ \\S+ \\S+ \\.(/\\S*?)/?(?: -> .*)?");
        Map<String, String> entries = new TreeMap<>();
        for (String l : out.split("\n")) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "unexpected dpkg-deb --contents line: " + l);
            entries.put(m.group(3), m.group(1) + " " + m.group(2));
        }
        return entries;
    }

    @Test
    void filesAreInstalledWhereTheManualSaysWithTheirModes() throws Exception {
        Map<String, String> c = contents();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("/usr/bin/rig", "-rwxr-xr-x root/root");
        expected.put("/usr/share/liana-rig/rig.jar", "-rw-r--r-- root/root");
        expected.put("/etc/liana-rig/rig.yaml", "-rw-r--r-- root/root");
        expected.put("/etc/liana-rig/logback.xml", "-rw-r--r-- root/root");
        expected.put("/etc/default/liana-rig", "-rw-r--r-- root/root");
        expected.put("/etc/mosquitto/conf.d/liana-rig.conf", "-rw-r--r-- root/root");
        expected.put("/etc/mosquitto/liana-rig/acl", "-rw-r--r-- root/root");
        expected.put("/" + UNIT, "-rw-r--r-- root/root");
        expected.put("/usr/share/doc/liana-rig/copyright", "-rw-r--r-- root/root");
        expected.put("/usr/share/doc/liana-rig/changelog.Debian.gz", "-rw-r--r-- root/root");
        expected.put("/usr/share/man/man1/rig.1.gz", "-rw-r--r-- root/root");
        expected.put("/usr/share/lintian/overrides/liana-rig", "-rw-r--r-- root/root");
        expected.put("/usr/share/bash-completion/completions/rig", "-rw-r--r-- root/root");
        List<String> wrong = new ArrayList<>();
        expected.forEach((path, mode) -> {
            if (!mode.equals(c.get(path))) {
                wrong.add(path + ": " + c.get(path) + ", expected " + mode);
            }
        });
        for (Map.Entry<String, String> e : c.entrySet()) {
            boolean dir = e.getValue().startsWith("d");
            if (dir && !e.getValue().equals("drwxr-xr-x root/root")) {
                wrong.add(e.getKey() + ": directory " + e.getValue());
            }
            if (!dir && !expected.containsKey(e.getKey())) {
                wrong.add(e.getKey() + ": not expected in the package");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void packageShipsNothingUnderVarLibSoRemovalNeverTouchesTheData() throws Exception {
        // the data directories are made by postinst and deleted only by postrm purge
        assertTrue(contents().keySet().stream().noneMatch(p -> p.startsWith("/var")), contents().keySet().toString());
    }

    @Test
    void packagedJarIsTheCliBuiltByThisBuild() throws Exception {
        Path jar = root.resolve("usr/share/liana-rig/rig.jar");
        Path built = Path.of(System.getProperty("deb.src")).resolve("../../../cli/target/rig.jar").normalize();
        assertEquals(Files.size(built), Files.size(jar));
        assertEquals(-1L, Files.mismatch(built, jar));
    }

    // ------------------------------------------------------------------ maintainer scripts

    /**
     * Runs a maintainer script with stand-ins for the commands it may call, first on the PATH: each
     * records its arguments in a log and succeeds; getent reports the gpio group as {@code gpioExists}
     * says and no liana-rig user. Returns the log, one command per line.
     */
    private static List<String> runScript(String script, boolean gpioExists, String... args) throws Exception {
        return runScript(script, gpioExists, false, args);
    }

    /** As above; {@code mosquittoExists}: getent knows the mosquitto group (the broker is installed). */
    private static List<String> runScript(String script, boolean gpioExists, boolean mosquittoExists, String... args)
            throws Exception {
        Path bin = Files.createTempDirectory(work, "stubs");
        Path log = bin.resolve("calls.log");
        for (String tool : List.of("adduser", "addgroup", "install", "rm", "systemctl", "deb-systemd-invoke",
                "deb-systemd-helper", "getent")) {
            Path stub = bin.resolve(tool);
            String body = "#!/bin/sh\necho \"" + tool + " $*\" >> \"" + log + "\"\n"
                    + (tool.equals("getent")
                            ? "[ \"$*\" = \"group gpio\" ] && exit " + (gpioExists ? 0 : 2) + "\n"
                                    + "[ \"$*\" = \"group mosquitto\" ] && exit " + (mosquittoExists ? 0 : 2) + "\nexit 2\n"
                            : "exit 0\n");
            Files.writeString(stub, body);
            assertTrue(stub.toFile().setExecutable(true));
        }
        List<String> command = new ArrayList<>(List.of("sh", control.resolve(script).toString()));
        command.addAll(List.of(args));
        Cmd.run(30, Map.of("PATH", bin + ":/usr/bin:/bin"), command).ok(script + " " + String.join(" ", args));
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void maintainerScriptsAreExecutableShellWithoutSyntaxErrors() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path p = control.resolve(script);
            assertTrue(Files.isExecutable(p), script + " not executable");
            assertTrue(Files.readString(p).startsWith("#!/bin/sh\n"), script);
            Cmd.run("sh", "-n", p.toString()).ok("sh -n " + script);
        }
    }

    @Test
    void postinstCreatesTheUserInDialoutAndGpioAndTheDataDirectories() throws Exception {
        List<String> calls = runScript("postinst", false, "configure");
        assertTrue(calls.contains("addgroup --quiet --system gpio"), "gpio group created when missing: " + calls);
        assertTrue(calls.stream().anyMatch(c -> c.startsWith("adduser --quiet --system --group --home /var/lib/liana-rig")
                && c.endsWith(" liana-rig")), calls.toString());
        assertTrue(calls.contains("adduser --quiet liana-rig dialout"), calls.toString());
        assertTrue(calls.contains("adduser --quiet liana-rig gpio"), calls.toString());
        for (String dir : List.of("/var/lib/liana-rig", "/var/lib/liana-rig/calibration", "/var/lib/liana-rig/profiles",
                "/var/lib/liana-rig/journal")) {
            if (!Files.isDirectory(Path.of(dir))) {
                assertTrue(calls.contains("install -d -o liana-rig -g liana-rig -m 0750 " + dir), dir + ": " + calls);
            }
        }
        assertFalse(calls.stream().anyMatch(c -> c.matches("systemctl .*\\b(start|restart|enable)\\b.*")),
                "installing never starts the rig: " + calls);
    }

    /**
     * With Mosquitto installed and none of the broker's files there yet (as on this machine: the paths
     * are checked for real, every write goes through the recording install), postinst makes the rig CA
     * and the broker's certificate, the rig's password for the service and the broker, and the dynamic
     * security plugin's files, each with its owner and mode; on a first install it does not restart
     * anything without systemd.
     */
    @Test
    void postinstSetsUpTheBrokerFilesWithTheirOwnersAndModes() throws Exception {
        Assumptions.assumeTrue(Cmd.onPath("openssl") && Cmd.onPath("mosquitto_passwd"),
                "openssl or mosquitto_passwd not installed (packages openssl, mosquitto)");
        Assumptions.assumeFalse(Files.exists(Path.of("/etc/mosquitto/liana-rig/server.pem")),
                "this machine has the packaged broker's certificate already");
        List<String> calls = runScript("postinst", true, true, "configure");
        List<String> installs = calls.stream().filter(c -> c.startsWith("install ") && !c.startsWith("install -d"))
                .map(c -> c.replaceAll(" /\\S*/(\\S+) ", " $1 ")).toList();
        for (String expected : List.of("install -o root -g root -m 0600 ca.key /etc/mosquitto/liana-rig/ca.key",
                "install -o root -g root -m 0644 ca.pem /etc/mosquitto/liana-rig/ca.pem",
                "install -o root -g mosquitto -m 0640 server.key /etc/mosquitto/liana-rig/server.key",
                "install -o root -g root -m 0644 server.pem /etc/mosquitto/liana-rig/server.pem",
                "install -o root -g mosquitto -m 0640 passwd.new /etc/mosquitto/liana-rig/passwd",
                "install -o root -g liana-rig -m 0640 liana-rig.password /etc/liana-rig/mqtt-password",
                "install -o root -g liana-rig -m 0640 liana-rig-pairing.password /etc/liana-rig/mqtt-pairing-password",
                "install -o mosquitto -g mosquitto -m 0600 dynsec.json /var/lib/mosquitto/liana-rig-dynsec.json")) {
            assertTrue(installs.contains(expected), expected + " in " + installs);
        }
        assertFalse(calls.stream().anyMatch(c -> c.contains("mosquitto.service")), "no systemd here: " + calls);
    }

    @Test
    void postinstLeavesTheBrokerAloneWithoutMosquitto() throws Exception {
        List<String> calls = runScript("postinst", true, false, "configure");
        assertTrue(calls.contains("getent group mosquitto"), calls.toString());
        assertFalse(calls.stream().anyMatch(c -> !c.startsWith("getent ") && c.contains("mosquitto")), calls.toString());
    }

    @Test
    void purgeDeletesWhatPostinstMadeForTheBroker() throws Exception {
        List<String> purge = runScript("postrm", false, "purge");
        String rm = purge.stream().filter(c -> c.startsWith("rm -f ")).findFirst().orElse("");
        for (String file : List.of("/etc/mosquitto/liana-rig/ca.key", "/etc/mosquitto/liana-rig/ca.pem",
                "/etc/mosquitto/liana-rig/server.key", "/etc/mosquitto/liana-rig/server.pem", "/etc/mosquitto/liana-rig/passwd",
                "/etc/mosquitto/conf.d/liana-rig-dynsec.conf", "/var/lib/mosquitto/liana-rig-dynsec.json",
                "/etc/liana-rig/mqtt-password", "/etc/liana-rig/mqtt-pairing-password")) {
            assertTrue(rm.contains(" " + file), file + " in " + purge);
        }
        for (String action : List.of("remove", "upgrade")) {
            assertFalse(runScript("postrm", false, action).stream().anyMatch(c -> c.contains("/etc/mosquitto")), action);
        }
    }

    /**
     * The packaged ACL: only the pairing login may manage the broker's users ({@code $CONTROL}), and it
     * nothing else; the rig's own login reads the commands and writes the rig's topics only; the studio
     * user writes nothing; every panel writes its own command topic and no other.
     */
    @Test
    void packagedAclGivesEachUserItsOwnTopicsOnly() throws Exception {
        Map<String, List<String>> rules = new LinkedHashMap<>();
        String user = null;
        for (String line : Files.readAllLines(root.resolve("etc/mosquitto/liana-rig/acl"))) {
            if (line.startsWith("user ")) {
                user = line.substring(5).strip();
                rules.put(user, new ArrayList<>());
            } else if (line.startsWith("topic ") || line.startsWith("pattern ")) {
                assertTrue(user != null && line.startsWith("topic "), "a rule outside a user's block, or a pattern: " + line);
                rules.get(user).add(line.substring(6).strip());
            }
        }
        String r = "liana/v1/my-studio/rig-1";
        assertEquals(List.of("readwrite $CONTROL/dynamic-security/#"), rules.get("liana-rig-pairing"));
        assertEquals(List.of("read " + r + "/cmd/+", "write " + r + "/status", "write " + r + "/state",
                "write " + r + "/telemetry", "write " + r + "/events", "write " + r + "/reply/+",
                "write " + r + "/diagnostics", "write " + r + "/panel/history"), rules.get("liana-rig"));
        assertEquals(List.of("read liana/v1/#", "deny liana/v1/+/+/panel/#"), rules.get("studio"));
        for (String panel : List.of("trainer-tablet", "tech-laptop")) {
            assertEquals(List.of("write " + r + "/cmd/" + panel), rules.get(panel).stream()
                    .filter(t -> !t.startsWith("read ")).toList(), panel);
        }
        // the packaged rig file's user and root are the ones the ACL is written for
        String rigFile = Files.readString(root.resolve("etc/liana-rig/rig.yaml"));
        assertTrue(rigFile.contains("\n  username: liana-rig ") && rigFile.contains("\n  topicRoot: " + r + "\n"), rigFile);
    }

    @Test
    void serviceJvmHasNoPeriodicSafepoint() throws Exception {
        // issue 15: every safepoint holds the real-time threads until each normal-priority thread reaches it
        String defaults = Files.readString(root.resolve("etc/default/liana-rig"));
        String opts = defaults.lines().filter(l -> l.startsWith("RIG_SERVICE_JAVA_OPTS=")).findFirst().orElseThrow();
        assertTrue(opts.contains("-XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0"), opts);
    }

    @Test
    void postinstKeepsAnExistingGpioGroup() throws Exception {
        List<String> calls = runScript("postinst", true, "configure");
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("addgroup")), calls.toString());
        assertTrue(calls.contains("adduser --quiet liana-rig gpio"), calls.toString());
    }

    @Test
    void onlyPurgeDeletesTheData() throws Exception {
        for (String action : List.of("remove", "upgrade", "failed-upgrade", "abort-install", "disappear")) {
            List<String> calls = runScript("postrm", false, action);
            assertFalse(calls.stream().anyMatch(c -> c.startsWith("rm ") && c.contains("/var/lib")),
                    "postrm " + action + " must keep /var/lib/liana-rig: " + calls);
        }
        List<String> purge = runScript("postrm", false, "purge");
        assertTrue(purge.contains("rm -rf /var/lib/liana-rig"), purge.toString());
    }

    @Test
    void removalStopsTheServiceAndAnUpgradeDoesNot() throws Exception {
        // an upgrade must not stop a rig a client may be hanging on; removal must (its files go)
        assertTrue(runScript("prerm", false, "upgrade", "0.1.0").isEmpty());
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            assertEquals(List.of("deb-systemd-invoke stop liana-rig.service"), runScript("prerm", false, "remove"));
        } else {
            assertTrue(Files.readString(control.resolve("prerm"))
                    .contains("remove)\n        if [ -d /run/systemd/system ]; then\n"
                            + "            deb-systemd-invoke stop liana-rig.service"));
        }
    }

    // ------------------------------------------------------------------ the unit

    /** "Section.Key" -> values, in order, of the packaged unit. */
    private static Map<String, List<String>> unit() throws IOException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(root.resolve(UNIT))) {
            if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int eq = line.indexOf('=');
                keys.computeIfAbsent(section + "." + line.substring(0, eq), k -> new ArrayList<>())
                        .add(line.substring(eq + 1));
            }
        }
        return keys;
    }

    private static String one(Map<String, List<String>> unit, String key) {
        List<String> values = unit.get(key);
        assertTrue(values != null && values.size() == 1, key + " once in the unit: " + values);
        return values.get(0);
    }

    @Test
    void unitRunsTheServiceAsItsUserFromTheInstalledRigFile() throws Exception {
        Map<String, List<String>> u = unit();
        assertEquals("/usr/bin/rig run --config /etc/liana-rig/rig.yaml", one(u, "Service.ExecStart"));
        assertEquals("liana-rig", one(u, "Service.User"));
        assertEquals("multi-user.target", one(u, "Install.WantedBy"));
        assertEquals("network.target", one(u, "Unit.After"), "never waits for network-online: the rig runs without a LAN");
        assertEquals("on-failure", one(u, "Service.Restart"));
        assertEquals("5s", one(u, "Service.RestartSec"));
        assertEquals("2", one(u, "Service.RestartPreventExitStatus"), "a refused rig file is not retried");
        assertEquals("journal", one(u, "Service.StandardError"));
    }

    @Test
    void unitStopsWithSigtermAndWaitsLongerThanTheControlledStop() throws Exception {
        Map<String, List<String>> u = unit();
        assertEquals("SIGTERM", one(u, "Service.KillSignal"));
        assertEquals("143", one(u, "Service.SuccessExitStatus"), "the JVM's exit after SIGTERM is a clean stop");
        String timeout = one(u, "Service.TimeoutStopSec");
        assertTrue(timeout.matches("\\d+s"), timeout);
        // the controlled stop waits up to 3 s for the brakes (RigService.STOP_WAIT_NANOS), then closes
        assertTrue(Integer.parseInt(timeout.replace("s", "")) >= 10, "margin over the 3 s brake wait: " + timeout);
    }

    @Test
    void unitIsSandboxedButKeepsTheDevicesItNeeds() throws Exception {
        Map<String, List<String>> u = unit();
        assertEquals("strict", one(u, "Service.ProtectSystem"));
        assertEquals("/var/lib/liana-rig", one(u, "Service.ReadWritePaths"));
        assertEquals("yes", one(u, "Service.ProtectHome"));
        assertEquals("yes", one(u, "Service.PrivateTmp"));
        assertEquals("yes", one(u, "Service.NoNewPrivileges"));
        // serial ports and GPIO chips: no private /dev, no device allow-list
        assertFalse(u.containsKey("Service.PrivateDevices"));
        assertFalse(u.containsKey("Service.DevicePolicy"));
        assertFalse(u.containsKey("Service.DeviceAllow"));
        assertFalse(u.containsKey("Service.ProtectClock"), "ProtectClock implies DeviceAllow=char-rtc r");
        // JVM sizing lives in /etc/default/liana-rig only
        assertFalse(u.keySet().stream().anyMatch(k -> k.startsWith("Service.Environment")), u.keySet().toString());
    }

    @Test
    void unitPassesSystemdAnalyzeVerify() throws Exception {
        Assumptions.assumeTrue(Cmd.onPath("systemd-analyze"),
                "systemd-analyze is not installed (package systemd): the unit is not verified on this machine");
        // verify in a root holding the package and this machine's own units (the targets the unit needs)
        Path host = Path.of("/usr/lib/systemd/system");
        Assumptions.assumeTrue(Files.isDirectory(host), "no " + host + " to verify the unit against");
        Path vroot = Files.createTempDirectory("deb-verify-root");
        Cmd r;
        try {
            Cmd.run("cp", "-a", root + "/.", vroot.toString()).ok("cp");
            Files.createDirectories(vroot.resolve("usr/lib/systemd"));
            Cmd.run("cp", "-a", host.toString(), vroot.resolve("usr/lib/systemd").toString()).ok("cp units");
            r = Cmd.run(60, Map.of(), List.of("systemd-analyze", "verify", "--root=" + vroot, "--man=no",
                    "liana-rig.service"));
        } finally {
            // rm, not @TempDir: the host's masked units are links to /dev/null
            Cmd.run("rm", "-rf", vroot.toString());
        }
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        // unknown keys and bad values are only warnings: there must be none
        assertEquals("", (r.stdout() + r.stderr()).strip());
    }

    // ------------------------------------------------------------------ lintian

    @Test
    void lintianFindsNoErrors() throws Exception {
        requireTool("lintian", "lintian");
        Cmd r = Cmd.run(300, Map.of(), List.of("lintian", "--fail-on", "error", "--display-info", DEB.toString()));
        assertEquals(0, r.exitCode(), "lintian:\n" + r.stdout() + r.stderr());
        assertFalse(r.stdout().lines().anyMatch(l -> l.startsWith("E: ")), r.stdout());
        // warnings do not fail the build (a newer lintian may add some) but are shown
        r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> System.out.println("lintian: " + l));
    }

    /**
     * The packaged completion script, sourced by bash as bash-completion would: "rig ca" completes to
     * calibrate, "rig calibrate " offers its subcommands, "rig demo --mq" the option.
     */
    @Test
    void bashCompletionCompletesCommandsSubcommandsAndOptions() throws Exception {
        Path script = root.resolve("usr/share/bash-completion/completions/rig");
        String probe = "source " + script + "\n"
                + "complete_words() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));"
                + " COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_rig; echo \"${COMPREPLY[*]}\"; }\n"
                + "complete_words rig ca\n"
                + "complete_words rig calibrate ''\n"
                + "complete_words rig demo --mq\n";
        Cmd r = Cmd.run(30, Map.of(), List.of("bash", "-c", probe)).ok("bash completion");
        List<String> lines = r.stdout().lines().toList();
        assertEquals(3, lines.size(), r.stdout() + r.stderr());
        assertTrue(lines.get(0).contains("calibrate"), lines.get(0));
        assertTrue(lines.get(1).contains("status") && lines.get(1).contains("tare"), lines.get(1));
        assertTrue(lines.get(2).contains("--mqtt-port"), lines.get(2));
    }

    // ------------------------------------------------------------------ the launcher

    @Test
    void packagedLauncherRunsThePackagedJar() throws Exception {
        Cmd r = Cmd.run(60, Map.of(), List.of(root.resolve("usr/bin/rig").toString(), "--version")).ok("rig --version");
        assertTrue(r.stdout().contains(RIG_VERSION), r.stdout());
    }
}
