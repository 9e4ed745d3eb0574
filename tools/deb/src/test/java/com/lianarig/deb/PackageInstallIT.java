package com.lianarig.deb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The package installed, upgraded over a technician's edits, removed and purged with the real dpkg
 * and adduser, in a private mount namespace whose /etc, /var and /usr are throw-away overlays
 * (install-in-namespace.sh): the machine's own files are never touched, and its systemd is hidden
 * from the maintainer scripts; the service user's commands run through setpriv (no PAM session). Needs root, mount
 * namespaces and overlayfs; skipped, with the reason, on a machine without them.
 */
class PackageInstallIT {
    private static final Path DEB = Path.of(System.getProperty("deb.file", "target/missing.deb"));

    @Test
    void installUpgradeRemoveAndPurgeKeepTheDataUntilPurge() throws Exception {
        Assumptions.assumeTrue(Cmd.onPath("unshare") && Cmd.onPath("dpkg"), "unshare or dpkg not installed");
        String uid = Cmd.run("id", "-u").ok("id").stdout().strip();
        Assumptions.assumeTrue(uid.equals("0"), "needs root (for the mount namespace and dpkg); running as uid " + uid);
        Assumptions.assumeFalse(Files.exists(Path.of("/var/lib/dpkg/info/liana-rig.list")),
                "liana-rig is installed on this machine itself: not tested over it");
        Path script = Path.of(PackageInstallIT.class.getResource("/install-in-namespace.sh").toURI());
        Cmd r = Cmd.run(240, Map.of(), List.of("unshare", "-m", "--propagation", "private", "bash", script.toString(),
                DEB.toAbsolutePath().toString(), System.getProperty("java.home")));
        Assumptions.assumeTrue(r.stdout().contains("SETUP-OK"),
                "this machine cannot make the throw-away overlays (mount namespace or overlayfs refused): " + r.stderr());
        assertFalse(Files.exists(Path.of("/etc/.liana-rig-namespace-probe")), "the overlay leaked onto the machine");
        assertEquals(0, r.exitCode(), r.stdout() + r.stderr());
        List<String> out = r.stdout().lines().toList();
        String all = String.join("\n", out) + "\n" + r.stderr();

        // install
        assertTrue(out.contains("status install ok installed"), all);
        String id = out.stream().filter(l -> l.startsWith("uid=")).findFirst().orElseThrow();
        assertTrue(id.contains("(liana-rig)") && id.contains("(dialout)") && id.contains("(gpio)"), id);
        for (String dir : List.of("/var/lib/liana-rig", "/var/lib/liana-rig/calibration", "/var/lib/liana-rig/profiles",
                "/var/lib/liana-rig/journal")) {
            assertTrue(out.contains("dir " + dir + " liana-rig:liana-rig 750"), dir + "\n" + all);
        }
        assertTrue(out.contains("version rig " + System.getProperty("rig.version")), all);
        assertTrue(out.contains("data writable"), all);
        assertTrue(out.contains("etc not writable"), all);
        // upgrade: the edited conffile and the data stay
        assertTrue(out.contains("rig.yaml last line: # a technician's edit"), all);
        assertEquals(2, out.stream().filter(l -> l.equals("kept NODE-1.json")).count(),
                "the calibration is kept over the upgrade and the removal:\n" + all);
        assertTrue(out.contains("conffile kept"), "removal keeps the conffiles:\n" + all);
        assertTrue(out.contains("rig removed"), all);
        // purge: data and configuration gone
        assertTrue(out.contains("data purged"), all);
        assertTrue(out.contains("etc purged"), all);
        assertTrue(out.contains("step done"), all);
    }
}
