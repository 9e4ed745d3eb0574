package com.lianarig.tools.web;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.safety.SafetySupervisor;
import com.lianarig.tools.mqtt.BrokerClient;
import com.lianarig.tools.mqtt.BrokerOptions;
import com.lianarig.tools.panel.Commander;
import com.lianarig.tools.panel.HoldTracker;
import com.lianarig.tools.panel.Key;
import com.lianarig.tools.panel.PanelControls;
import com.lianarig.tools.panel.PanelModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * P-7, measured (SPEC section 8): panel touch -> first admitted set-point, and release -> stop begun,
 * for the web panel in a real Chromium over MQTT/WebSockets, and for the terminal panel over MQTT/TCP,
 * in the same run on the same rig (the service on the virtual rig with its embedded broker, as
 * {@code rig demo} runs it, all on loopback). A benchmark, not a test: it asserts nothing, prints the
 * distributions and the load average. Run it on request:
 *
 * <pre>./mvnw -B -pl tools/cli -am test -Dtest=P7Bench -Dsurefire.failIfNoSpecifiedTests=false -Dp7.cycles=40</pre>
 *
 * <p>Times: the touch and the lift are the browser's own event time stamps (ms since the epoch,
 * {@code performance.timeOrigin + event.timeStamp}, exposed by the panel as body data attributes); the
 * terminal's key press is when the key reaches the panel's controls; "released" for the terminal is the
 * last key repeat (the finger's real lift), so its figure includes the repeat-gap a terminal needs to
 * notice a release (it sends no key-up). The rig side is sampled every 0.5 ms from the safety
 * supervisor: the first set-point it admits after the press (its admitted position moves), and the
 * first step after the release where the admitted speed falls (the controlled stop has begun).
 */
class P7Bench {
    static final int CYCLES = Integer.getInteger("p7.cycles", 30);
    static final long HOLD_MS = 700;

    /** Epoch time in ns from the monotonic clock, anchored once (both sides share the system's wall clock). */
    static final long EPOCH_ANCHOR_NANOS = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

    static long epochNanos() {
        return EPOCH_ANCHOR_NANOS + System.nanoTime();
    }

    record Sample(long epochNanos, double admittedMm, double speedMmPerS, SafetySupervisor.GroupState state) {
    }

    /** Samples the supervisor's admitted position and speed of the leg pair every 0.5 ms. */
    static final class Sampler implements AutoCloseable {
        final List<Sample> samples = new ArrayList<>();
        private final Thread thread;
        private volatile boolean running = true;

        Sampler(SafetySupervisor safety) {
            thread = new Thread(() -> {
                while (running) {
                    Sample s = new Sample(epochNanos(), safety.view().admittedMm(0), safety.view().groupVelocityMmPerS(0),
                            safety.view().groupState(0));
                    synchronized (samples) {
                        samples.add(s);
                    }
                    LockSupport.parkNanos(500_000);
                }
            }, "p7-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        /** The first set-point admitted after {@code pressNanos}, ns after it; -1 when none within 3 s. */
        long firstSetPointAfter(long pressNanos) {
            synchronized (samples) {
                Sample before = null;
                for (Sample s : samples) {
                    if (s.epochNanos() <= pressNanos) {
                        before = s;
                    } else if (before != null && Math.abs(s.admittedMm() - before.admittedMm()) > 1e-4) {
                        return s.epochNanos() - pressNanos;
                    }
                }
            }
            return -1;
        }

        /** The first sign of the stop after {@code releaseNanos}, ns after it: the admitted speed falls. */
        long stopBegunAfter(long releaseNanos) {
            synchronized (samples) {
                Sample previous = null;
                for (Sample s : samples) {
                    if (s.epochNanos() <= releaseNanos) {
                        previous = s;
                        continue;
                    }
                    if (previous != null && (Math.abs(s.speedMmPerS()) < Math.abs(previous.speedMmPerS()) - 1e-6
                            || s.state() == SafetySupervisor.GroupState.STOPPING)) {
                        return s.epochNanos() - releaseNanos;
                    }
                    previous = s;
                }
            }
            return -1;
        }

        void clear() {
            synchronized (samples) {
                samples.clear();
            }
        }

        @Override
        public void close() {
            running = false;
        }
    }

    @Test
    void p7() throws Exception {
        // -Dtest=P7Bench names it in every Surefire execution of the module: it runs in the browser one only
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("browser.fork"), "the browser fork runs it");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        List<Long> webPress = new ArrayList<>();
        List<Long> webRelease = new ArrayList<>();
        List<Long> termPress = new ArrayList<>();
        List<Long> termRelease = new ArrayList<>();
        List<Long> termReleaseDetected = new ArrayList<>();
        try (WebRig rig = WebRig.start(); RigWatch watch = new RigWatch(rig);
                Sampler sampler = new Sampler(rig.demo.stack().service().safety());
                Chromium browser = Chromium.start(Chromium.Size.PHONE)) {
            PanelPage phone = new PanelPage(browser);
            phone.open(rig.url());
            phone.pair(rig.newCode(PanelRole.TRAINER), "p7 phone");
            for (int i = 0; i < CYCLES; i++) {
                boolean up = i % 2 == 0;
                Scenarios.run(rig, watch, "P-7 web cycle", () -> {
                    phone.takeCommand();
                    sampler.clear();
                    Thread.sleep(20);
                    phone.press(up ? "hold-up" : "hold-down");
                    Thread.sleep(HOLD_MS);
                    phone.lift();
                    Thread.sleep(900);
                });
                long press = (long) (Double.parseDouble(phone.attribute("body", "data-pressed-at")) * 1e6);
                long release = (long) (Double.parseDouble(phone.attribute("body", "data-released-at")) * 1e6);
                add(webPress, sampler.firstSetPointAfter(press));
                add(webRelease, sampler.stopBegunAfter(release));
            }
            phone.tap("release-command");

            // the terminal panel, as `rig panel` runs it: MQTT over TCP, panel trainer-tablet
            int mqttPort = rig.demo.rig().mqtt().port();
            try (BrokerClient client = BrokerClient.connect(new BrokerOptions("tcp://127.0.0.1:" + mqttPort, null, null,
                    null), "p7-terminal")) {
                String root = rig.demo.rig().mqtt().topicRoot();
                PanelModel model = new PanelModel(root, "trainer-tablet");
                client.onMessage(m -> model.accept(m.topic(), m.payload()));
                for (String t : new String[] {"/status", "/state", "/telemetry", "/reply/trainer-tablet"}) {
                    client.subscribe(root + t, t.equals("/telemetry") ? 0 : 1);
                }
                long ms0 = System.nanoTime();
                java.util.function.LongSupplier nowMs = () -> (System.nanoTime() - ms0) / 1_000_000;
                Commander commander = new Commander(model, (topic, payload) -> client.publish(topic, payload, 0, false),
                        "trainer-tablet", "legs", nowMs, System.currentTimeMillis());
                PanelControls controls = new PanelControls(commander, new HoldTracker(HoldTracker.INITIAL_REPEAT_DELAY_MS,
                        HoldTracker.REPEAT_GAP_MS), nowMs, "legs");
                Thread.sleep(1000);
                for (int i = 0; i < CYCLES; i++) {
                    char key = i % 2 == 0 ? 'k' : 'j';
                    long[] times = new long[3];
                    Scenarios.run(rig, watch, "P-7 terminal cycle", () -> {
                        controls.key(new Key(Key.Kind.CHAR, 't'));
                        controls.step();
                        Thread.sleep(200);
                        sampler.clear();
                        Thread.sleep(20); // a few samples of the rig at rest before the press
                        times[0] = epochNanos();
                        controls.key(new Key(Key.Kind.CHAR, key));
                        long start = System.nanoTime();
                        long nextRepeat = start + 500_000_000L;
                        // the terminal's auto-repeat: after its initial delay, every 30 ms, for the hold
                        while (System.nanoTime() - start < (HOLD_MS + 500) * 1_000_000L) {
                            if (System.nanoTime() >= nextRepeat) {
                                controls.key(new Key(Key.Kind.CHAR, key));
                                times[1] = epochNanos();
                                nextRepeat += 30_000_000L;
                            }
                            controls.step();
                            LockSupport.parkNanos(1_000_000);
                        }
                        while (commander.holding() != null) {
                            controls.step();
                            LockSupport.parkNanos(1_000_000);
                        }
                        times[2] = epochNanos();
                        long settle = System.nanoTime() + 900_000_000L;
                        while (System.nanoTime() < settle) {
                            controls.step();
                            LockSupport.parkNanos(5_000_000);
                        }
                    });
                    add(termPress, sampler.firstSetPointAfter(times[0]));
                    add(termRelease, sampler.stopBegunAfter(times[1]));
                    add(termReleaseDetected, sampler.stopBegunAfter(times[2]));
                }
            }
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        System.out.println();
        System.out.println("P-7 (" + CYCLES + " cycles each; load average before: " + loadBefore + ", after: " + loadAfter + ")");
        System.out.println(row("web panel, press -> first admitted set-point", webPress));
        System.out.println(row("terminal panel, key -> first admitted set-point", termPress));
        System.out.println(row("web panel, lift -> stop begun", webRelease));
        System.out.println(row("terminal panel, last key repeat -> stop begun", termRelease));
        System.out.println(row("terminal panel, release noticed -> stop begun", termReleaseDetected));
        System.out.printf(Locale.ROOT, "ratios web/terminal: press p99 %.2f, release p99 %.2f%n",
                pct(webPress, 0.99) / pct(termPress, 0.99), pct(webRelease, 0.99) / pct(termRelease, 0.99));
    }

    private static void add(List<Long> into, long nanos) {
        if (nanos >= 0) {
            into.add(nanos);
        }
    }

    static double pct(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int i = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    private static String row(String what, List<Long> v) {
        return String.format(Locale.ROOT, "%-50s n=%2d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms", what, v.size(),
                pct(v, 0.5), pct(v, 0.99), pct(v, 1.0));
    }
}
