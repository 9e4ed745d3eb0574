package com.lianarig.tools.pairing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.web.PairingStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rig panel-pair}: a code to pair a device with, the paired devices, revoking one. */
class PanelPairCommandTest {
    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new PanelPairCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of())).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private PairingStore store() {
        return new PairingStore(data, Set.of(), Clock.systemUTC(), System::nanoTime);
    }

    @Test
    void aCodeWithAQrCodeOfThePanelsAddressPairsOneDevice() throws Exception {
        Run r = run("--data", data.toString(), "--technician", "--name", "front desk tablet", "--url",
                "https://rig-1.studio.example:8443/");
        assertEquals(0, r.exit(), r.err());
        Matcher m = Pattern.compile("Pairing code for a technician's device: (\\d{4} \\d{4})").matcher(r.out());
        assertTrue(m.find(), r.out());
        assertTrue(r.out().contains("open https://rig-1.studio.example:8443/ and type the code, or scan this:"), r.out());
        assertTrue(r.out().contains("\u2588\u2588\u2588\u2588"), "a QR code drawn in the terminal: " + r.out());
        PairingStore.Paired p = store().redeem(m.group(1), "ignored");
        assertEquals(PanelRole.TECHNICIAN, p.panel().role());
        assertEquals("front desk tablet", p.panel().name());
        assertEquals("rig panel-pair", p.panel().pairedBy());

        Run list = run("--data", data.toString(), "--list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains(p.panel().id()) && list.out().contains("technician")
                && list.out().contains("front desk tablet"), list.out());

        Run revoke = run("--data", data.toString(), "--revoke", p.panel().id());
        assertEquals(0, revoke.exit(), revoke.err());
        assertTrue(store().panels().isEmpty());
        assertTrue(run("--data", data.toString(), "--list").out().startsWith("no paired devices"));
    }

    @Test
    void mistakesAreSaidInWordsWithExitCode2() throws Exception {
        Run unknown = run("--data", data.toString(), "--revoke", "web-abcdef");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("no paired device web-abcdef"), unknown.err());
        assertEquals(2, run("--data", data.toString(), "--valid", "0").exit());
        Run url = run("--data", data.toString(), "--url", "ftp://rig");
        assertEquals(2, url.exit());
        assertTrue(url.err().contains("is not an http:// or https:// address"), url.err());
        Run name = run("--data", data.toString(), "--name", "x".repeat(60));
        assertEquals(2, name.exit());
        assertTrue(name.err().contains("characters"), name.err());
        assertEquals(2, run("--data", data.resolve("missing").toString()).exit());
        assertEquals(2, run("--data", data.toString(), "--list", "--revoke", "web-abcdef").exit(), "one action at a time");
        assertTrue(Files.notExists(data.resolve("panels").resolve("paired-panels.json"))
                || store().panels().isEmpty());
    }

    @Test
    void theMosquittoLinesOfThePairedDevices() throws Exception {
        Files.copy(Path.of("..", "..", "config", "examples", "rig.yaml"), data.resolve("rig.yaml"));
        PairingStore.Paired p = store().redeem(store().newCode(PanelRole.TRAINER, java.util.Optional.empty(), "t",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone");
        Run r = run("--data", data.toString(), "--mosquitto");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(p.panel().id() + ":" + p.panel().secretHash()), r.out());
        assertTrue(r.out().contains("user " + p.panel().id() + "\ntopic write liana/v1/demo-studio/rig-1/cmd/"
                + p.panel().id() + "\ntopic read liana/v1/demo-studio/rig-1/reply/" + p.panel().id()), r.out());
    }

    @Test
    void withoutAnAddressTheCodeIsEnough() {
        Run r = run("--data", data.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Pairing code for a trainer's device"), r.out());
        assertTrue(r.out().contains("open the rig's web panel and type the code"), r.out());
    }
}
