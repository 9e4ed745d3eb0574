package com.lianarig.tools.studio;

import static com.lianarig.tools.studio.StudioService.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.lianarig.controller.mqtt.testing.MosquittoBroker;
import com.lianarig.controller.mqtt.testing.MqttTestClient;
import com.lianarig.controller.mqtt.testing.MqttTestClient.Received;
import com.lianarig.tools.studio.StudioService.Panel;
import com.lianarig.tools.studio.StudioService.Seen;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, several rigs on one studio broker: two real services ({@code rig run --virtual}, each its
 * own JVM and virtual rig, its own topic root, MQTT user and panels) on one real Mosquitto run from the
 * example config (config/examples/mosquitto: TLS, passwords, {@code use_username_as_clientid}) with the
 * example ACL grown for a second rig the way its README says (rig-1's blocks copied under rig-2's root
 * and names, and the studio block copied for {@code rig monitor}'s own user).
 *
 * <p>Checked: each rig's birth and retained state under its own root, each with its own journal; a
 * panel of rig-1 cannot command rig-2, neither through rig-2's panels' topics (the broker's ACL) nor
 * through a command topic of its own id under rig-2 that a mistaken ACL lets through (rig-2's own check:
 * it takes commands from its configured panels only, and counts the rest as bus noise); {@code rig
 * monitor --once} lists both rigs.
 */
class TwoRigsOneBrokerTest {
    static final String ROOT_1 = MosquittoBroker.TOPIC_ROOT;
    static final String ROOT_2 = "liana/v1/demo-studio/rig-2";
    static final String TRAINER_1 = MosquittoBroker.TRAINER_PANEL;
    static final String TECH_1 = MosquittoBroker.TECHNICIAN_PANEL;
    static final String TRAINER_2 = "trainer-tablet-2";
    static final String TECH_2 = "tech-laptop-2";
    /** rig monitor's own studio user (one connection per user: the test's watcher is "studio"). */
    static final String MONITOR = "studio-monitor";
    static final Duration START = Duration.ofSeconds(90);
    static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the services' output to read
    Path dir;

    @Test
    void twoServicesOnOneMosquittoEachUnderItsOwnRootNeitherCommandedByTheOthersPanelsAndTheMonitorListsBoth()
            throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), studioAcl(), StandardCharsets.UTF_8);
        try (MosquittoBroker broker = MosquittoBroker.secured().aclFile(acl).build().start();
                MqttTestClient watcher = MqttTestClient.connect(broker, MosquittoBroker.STUDIO_USER)) {
            assertEquals(1, watcher.subscribe("liana/v1/#", 1));
            Seen studio = new Seen(watcher);
            try (StudioService one = StudioService.start(dir.resolve("rig-1"), broker, "rig-1", ROOT_1,
                    List.of(new Panel(TRAINER_1, "trainer"), new Panel(TECH_1, "technician")), Map.of());
                    StudioService two = StudioService.start(dir.resolve("rig-2"), broker, "rig-2", ROOT_2,
                            List.of(new Panel(TRAINER_2, "trainer"), new Panel(TECH_2, "technician")), Map.of())) {
                long session1 = birth(studio, ROOT_1, one);
                long session2 = birth(studio, ROOT_2, two);
                JsonNode state1 = json(studio.await(r -> r.topic().equals(ROOT_1 + "/state"), WAIT, "rig-1's state"));
                JsonNode state2 = json(studio.await(r -> r.topic().equals(ROOT_2 + "/state"), WAIT, "rig-2's state"));
                assertEquals(session1, state1.path("session").asLong(), state1.toString());
                assertEquals(session2, state2.path("session").asLong(), state2.toString());
                assertTrue(state1.path("simulated").asBoolean() && state2.path("simulated").asBoolean());
                // two services, two journals: each rig file's default data directory (data/ beside it)
                assertTrue(Files.isDirectory(dir.resolve("rig-1/data/journal")), one.output());
                assertTrue(Files.isDirectory(dir.resolve("rig-2/data/journal")), two.output());

                String monitor = monitorOnce(broker);
                assertTrue(monitor.contains("liana/v1/#  2 rigs\n"), monitor);
                assertTrue(monitor.contains(ROOT_1 + "  ONLINE  session " + session1), monitor);
                assertTrue(monitor.contains(ROOT_2 + "  ONLINE  session " + session2), monitor);

                try (MqttTestClient intruder = MqttTestClient.connect(broker, TRAINER_1);
                        MqttTestClient trainer2 = MqttTestClient.connect(broker, TRAINER_2)) {
                    assertEquals(1, trainer2.subscribe(ROOT_2 + "/reply/" + TRAINER_2, 1));
                    int mark = studio.all().size();
                    // rig-1's trainer, with rig-2's session and a counter of its own, on rig-2's trainer's
                    // topic: the ACL drops it (acknowledged, delivered to nobody)...
                    intruder.publish(ROOT_2 + "/cmd/" + TRAINER_2, takeControl(session2, 5), 1, false);
                    // ...and on a command topic of its own id under rig-2, which this test's ACL wrongly lets
                    // it write: rig-2 hears it and ignores it (not one of its panels).
                    intruder.publish(ROOT_2 + "/cmd/" + TRAINER_1, takeControl(session2, 5), 1, false);
                    // rig-2's own trainer, counter 1: had the first forgery reached rig-2 (counter 5 from
                    // trainer-tablet-2), this one would be refused as a DUPLICATE.
                    trainer2.publish(ROOT_2 + "/cmd/" + TRAINER_2, takeControl(session2, 1), 1, false);
                    JsonNode reply = json(trainer2.next(WAIT));
                    assertTrue(reply != null && reply.path("accepted").asBoolean() && reply.path("counter").asLong() == 1,
                            "rig-2's own trainer takes control: " + reply);
                    studio.awaitFrom(mark, r -> r.topic().equals(ROOT_2 + "/state")
                            && TRAINER_2.equals(json(r).path("controlOwner").asText(null)), WAIT, "rig-2 commanded by its trainer");
                    JsonNode noise = json(studio.awaitFrom(mark, r -> r.topic().equals(ROOT_2 + "/events")
                            && json(r).path("kind").asText().equals("mqtt.noise")
                            && json(r).path("body").path("sender").asText().equals(TRAINER_1), WAIT,
                            "rig-2 counting rig-1's trainer's command as noise"));
                    assertEquals("ignored", noise.path("body").path("noise").asText(), noise.toString());
                    assertEquals(1, noise.path("body").path("count").asLong(), noise.toString());

                    List<Received> after = studio.all().subList(mark, studio.all().size());
                    assertTrue(after.stream().noneMatch(r -> r.topic().equals(ROOT_2 + "/reply/" + TRAINER_1)),
                            "rig-2 never answers a panel that is not its own: " + after);
                    assertTrue(after.stream().noneMatch(r -> r.topic().startsWith(ROOT_1 + "/reply/")),
                            "rig-1 had nothing to answer: " + after);
                    JsonNode lastState1 = null;
                    for (Received r : after) {
                        if (r.topic().equals(ROOT_1 + "/state")) {
                            lastState1 = json(r);
                        }
                    }
                    assertTrue(lastState1 != null && lastState1.path("controlOwner").isNull(),
                            "rig-1 is commanded by nobody: " + lastState1);
                    String log = broker.log();
                    assertTrue(log.contains("Denied PUBLISH from " + TRAINER_1 + " (") && log.contains("'" + ROOT_2
                            + "/cmd/" + TRAINER_2 + "'"), "the broker refused rig-1's trainer on rig-2's trainer's topic");
                }
                assertTrue(one.isAlive() && two.isAlive(), one.output() + two.output());
            }
        }
    }

    /**
     * Two rig files in one directory share its default data directory (data/ beside them): the second
     * service must refuse to start with an error saying so, and the first keep running.
     */
    @Test
    void aSecondServiceOnTheSameDataDirectoryIsRefusedPlainlyAndTheFirstRunsOn() throws Exception {
        Path acl = Files.writeString(dir.resolve("acl"), studioAcl(), StandardCharsets.UTF_8);
        try (MosquittoBroker broker = MosquittoBroker.secured().aclFile(acl).build().start();
                MqttTestClient watcher = MqttTestClient.connect(broker, MosquittoBroker.STUDIO_USER)) {
            assertEquals(1, watcher.subscribe("liana/v1/#", 1));
            Seen studio = new Seen(watcher);
            Path shared = dir.resolve("etc");
            Files.createDirectories(shared);
            Files.writeString(shared.resolve("rig-1.yaml"), StudioService.rigFile(broker, "rig-1", ROOT_1,
                    List.of(new Panel(TRAINER_1, "trainer"), new Panel(TECH_1, "technician"))), StandardCharsets.UTF_8);
            Files.writeString(shared.resolve("rig-2.yaml"), StudioService.rigFile(broker, "rig-2", ROOT_2,
                    List.of(new Panel(TRAINER_2, "trainer"), new Panel(TECH_2, "technician"))), StandardCharsets.UTF_8);
            try (StudioService one = StudioService.start(shared.resolve("rig-1.yaml"), Map.of())) {
                birth(studio, ROOT_1, one);
                try (StudioService two = StudioService.start(shared.resolve("rig-2.yaml"), Map.of())) {
                    Integer exit = two.awaitExit(START);
                    assertEquals(3, exit, two.output());
                    Path journal = shared.resolve("data/journal/journal.bin");
                    assertTrue(two.output().contains("rig run: journal " + journal + " is already open in another process"
                            + " (its lock file " + journal + ".lock is held): is another rig service using this data"
                            + " directory? Each rig needs its own: paths.dataDir in its rig file (two rig files in one"
                            + " directory have the same default one: docs/rig-config.md, Data paths)"), two.output());
                }
                assertTrue(one.isAlive(), one.output());
            }
        }
    }

    /** Waits for {@code root}'s birth ({@code online}); its session. */
    private static long birth(Seen studio, String root, StudioService service) throws InterruptedException {
        try {
            Received birth = studio.await(r -> r.topic().equals(root + "/status")
                    && json(r).path("status").asText().equals("online"), START, root + "'s birth");
            return json(birth).path("session").asLong();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe service's output:\n" + service.output(), e);
        }
    }

    private static String takeControl(long session, long counter) {
        return "{\"session\":" + session + ",\"counter\":" + counter + ",\"command\":\"take-control\"}";
    }

    /** {@code rig monitor --once} as a studio runs it: its own process, its own studio user, TLS. */
    private String monitorOnce(MosquittoBroker broker) throws Exception {
        Path out = dir.resolve("monitor.out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "com.lianarig.tools.RigCommand", "monitor", "--broker", broker.uri(),
                "--username", MONITOR, "--password-file", broker.passwordFile(MONITOR).toString(), "--ca-file",
                broker.pki().caFile().toString(), "--filter", "liana/v1/#", "--once").redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "rig monitor --once did not end");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    /**
     * The example ACL (config/examples/mosquitto/acl) grown as its README says: for another rig, rig-1's
     * block and its panels' blocks copied under the new root with the new names; for another studio
     * system, the studio block copied under its name. Then one line this test adds on purpose, a studio's
     * copying mistake: rig-1's trainer may write {@code <rig-2>/cmd/trainer-tablet}.
     */
    static String studioAcl() throws Exception {
        String example = Files.readString(MosquittoBroker.exampleFile("acl"), StandardCharsets.UTF_8);
        StringBuilder acl = new StringBuilder(example);
        acl.append("\n# ---- Added by TwoRigsOneBrokerTest: a second rig and a second studio system ----\n");
        Map<String, String> rename = Map.of("rig-1", "rig-2", TRAINER_1, TRAINER_2, TECH_1, TECH_2, "studio", MONITOR);
        for (String block : userBlocks(example)) {
            String user = block.lines().findFirst().orElseThrow().substring("user ".length());
            if (!rename.containsKey(user)) {
                continue;
            }
            String copy = block.replace(ROOT_1 + "/", ROOT_2 + "/");
            copy = copy.replaceAll("(?m)^user " + Pattern.quote(user) + "$", "user " + rename.get(user));
            if (!user.equals("rig-1") && !user.equals("studio")) {
                copy = copy.replaceAll("(?m)/(cmd|reply)/" + Pattern.quote(user) + "$", "/$1/" + rename.get(user));
            }
            acl.append('\n').append(copy);
        }
        acl.append("\n# A mistake on purpose: rig-2's own check must hold where the ACL does not.\nuser ").append(TRAINER_1)
                .append("\ntopic write ").append(ROOT_2).append("/cmd/").append(TRAINER_1).append('\n');
        return acl.toString();
    }

    /** Each {@code user} line of {@code acl} with its topic lines up to the next blank or comment line. */
    private static List<String> userBlocks(String acl) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^user \\S+\\n(?:topic [^\\n]*\\n)*").matcher(acl);
        while (m.find()) {
            blocks.add(m.group());
        }
        return blocks;
    }
}
