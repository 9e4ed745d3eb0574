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
 * The packaged rig on its packaged broker (issues 18 and 20): the .deb installed with the real dpkg in
 * a throw-away mount and network namespace (broker-in-namespace.sh), Debian's Mosquitto started with
 * the configuration the package installed, the service as the liana-rig user on the virtual rig, and
 * the mosquitto clients (and wss-connect.py for the WebSocket listener) as panels, studio systems and
 * attackers. The namespace's own network holds only loopback, so the broker's fixed ports 8883 and
 * 8884 never meet a broker of this machine. Needs root, mount and network namespaces, overlayfs and
 * the mosquitto, mosquitto-clients and openssl packages; skipped, with the reason, without them.
 */
class PackagedBrokerIT {
    private static final Path DEB = Path.of(System.getProperty("deb.file", "target/missing.deb"));
    private static final String R = "liana/v1/my-studio/rig-1";

    @Test
    void packagedMosquittoCarriesThePanelsCommandsAndHoldsAgainstStudioUsersTakeoversAndCrashes() throws Exception {
        for (String tool : List.of("unshare", "dpkg", "mosquitto", "mosquitto_rr", "mosquitto_ctrl", "openssl", "python3")) {
            Assumptions.assumeTrue(Cmd.onPath(tool), tool + " not installed (packages mosquitto, mosquitto-clients, openssl, python3)");
        }
        String uid = Cmd.run("id", "-u").ok("id").stdout().strip();
        Assumptions.assumeTrue(uid.equals("0"), "needs root (for the namespaces and dpkg); running as uid " + uid);
        Assumptions.assumeFalse(Files.exists(Path.of("/var/lib/dpkg/info/liana-rig.list")),
                "liana-rig is installed on this machine itself: not tested over it");
        Path script = Path.of(PackagedBrokerIT.class.getResource("/broker-in-namespace.sh").toURI());
        Cmd r = Cmd.run(300, Map.of(), List.of("unshare", "-m", "-n", "--propagation", "private", "bash",
                script.toString(), DEB.toAbsolutePath().toString(), System.getProperty("java.home")));
        Assumptions.assumeTrue(r.stdout().contains("SETUP-OK"),
                "this machine cannot make the throw-away namespace (mount or network namespace, or overlayfs refused): "
                        + r.stderr());
        assertFalse(Files.exists(Path.of("/etc/.liana-rig-broker-namespace-probe")), "the overlay leaked onto the machine");
        List<String> out = r.stdout().lines().toList();
        String all = String.join("\n", out) + "\n" + r.stderr();
        assertEquals(0, r.exitCode(), all);
        assertTrue(out.contains("step done"), all);

        // install: the CA, the broker's certificate and the passwords, each readable by whom it must be only
        assertTrue(out.contains("status install ok installed"), all);
        for (String file : List.of("/etc/mosquitto/liana-rig/ca.pem root:root 644", "/etc/mosquitto/liana-rig/ca.key root:root 600",
                "/etc/mosquitto/liana-rig/server.pem root:root 644", "/etc/mosquitto/liana-rig/server.key root:mosquitto 640",
                "/etc/mosquitto/liana-rig/passwd root:mosquitto 640", "/etc/liana-rig/mqtt-password root:liana-rig 640",
                "/etc/liana-rig/mqtt-pairing-password root:liana-rig 640",
                "/var/lib/mosquitto/liana-rig-dynsec.json mosquitto:mosquitto 600",
                "/etc/mosquitto/conf.d/liana-rig-dynsec.conf root:root 644")) {
            assertTrue(out.contains("file " + file), file + "\n" + all);
        }
        assertTrue(out.contains("verify /etc/mosquitto/liana-rig/server.pem: OK"), "signed by the rig CA:\n" + all);
        String san = line(out, "san ");
        assertTrue(san.contains("DNS:localhost") && san.contains("IP Address:127.0.0.1"),
                "the rig connects to 127.0.0.1 and checks the name: " + san);
        assertTrue(out.contains("rig password lines 1"), "the rig's user, hashed ($7$): " + all);
        assertTrue(out.contains("pairing password lines 1"), "the pairing user, hashed ($7$): " + all);
        assertTrue(out.contains("certificate and password kept"), "an upgrade keeps them:\n" + all);

        // the listeners: TLS only, no anonymous, no wrong password, nothing on 1883
        assertTrue(out.contains("listening 8883") && out.contains("listening 8884"), all);
        assertTrue(out.contains("plain MQTT refused on 8883"), all);
        assertTrue(out.contains("1883 closed"), all);
        assertTrue(out.contains("wrong password refused"), all);
        assertTrue(out.contains("anonymous refused"), all);
        assertTrue(out.contains("wss Verify return code: 0 (ok)"), "the WebSocket listener's certificate: " + all);
        assertTrue(out.contains("wss upgrade HTTP/1.1 101 Switching Protocols"), all);
        assertTrue(out.contains("wss connack 0"), "MQTT over secure WebSockets with a password: " + all);
        assertTrue(out.contains("wss wrong password connack 5"), all);

        // the service connects as its own user over TLS and answers a configured panel
        assertTrue(out.contains("service started"), all);
        assertTrue(line(out, "rig status ").contains("\"status\":\"online\""), all);
        String reply = line(out, "panel reply ");
        assertTrue(reply.contains("\"command\":\"hello\"") && reply.contains("\"accepted\":true"), reply);

        // the web panel's pairing gives the device its broker login; a revocation from the command line takes it
        String webId = line(out, "web paired ").substring("web paired ".length());
        assertTrue(webId.matches("web-[a-z0-9]{6}"), all);
        String webReply = line(out, "web paired reply ");
        assertTrue(webReply.contains("\"command\":\"hello\"") && webReply.contains("\"accepted\":true"), all);
        assertTrue(line(out, "web revoked refused within ").matches("web revoked refused within \\d+ ms"), all);

        // ACL: what the watcher saw in the window is the panel's own command and its reply, nothing else
        List<String> seen = out.stream().filter(l -> l.startsWith("acl seen ")).toList();
        assertEquals(List.of("acl seen " + R + "/cmd/trainer-tablet {\"command\":\"hello\"}"),
                seen.stream().filter(l -> l.contains("/cmd/")).toList(),
                "a studio user's or another panel's command must not reach the bus:\n" + all);
        assertEquals(1, seen.stream().filter(l -> l.startsWith("acl seen " + R + "/reply/trainer-tablet ")
                && l.contains("\"accepted\":true")).count(), "the rig's reply, and no spoofed one:\n" + all);
        assertTrue(seen.stream().noneMatch(l -> l.contains("spoofed") || l.contains("from-")), all);
        assertTrue(line(out, "status after spoof ").contains("\"status\":\"online\""), "only the rig writes its status: " + all);

        // takeover: clients asking for the rig's client id do not drop the rig's connection
        assertTrue(out.contains("takeover offline seen 0"), all);
        assertTrue(out.contains("takeover rig dropped 0"), all);
        assertTrue(out.contains("rig user with a wrong password refused"), all);
        assertTrue(line(out, "after takeover reply ").contains("\"accepted\":true"), all);

        // a paired device (dynamic security, made by the pairing user): its own command topic only; revocable
        assertTrue(out.contains("paired connected"), all);
        assertTrue(out.contains("intruder refused"), "a studio user cannot make broker users:\n" + all);
        assertEquals(List.of("paired seen " + R + "/cmd/web-7kq2xp {\"command\":\"hello\"}"),
                out.stream().filter(l -> l.startsWith("paired seen ")).toList(), all);
        assertTrue(out.contains("revoked refused"), all);

        // kill -9 of the JVM itself: the broker publishes the retained will
        assertTrue(out.contains("kill -9 reaches the JVM"), all);
        assertTrue(line(out, "crash ").contains("\"status\":\"offline\"") && line(out, "crash ").contains("connection lost"),
                all);
        assertTrue(line(out, "retained ").contains("\"status\":\"offline\""), all);
    }

    private static String line(List<String> out, String prefix) {
        return out.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(no line " + prefix + ")");
    }
}
