package com.lianarig.sim.fault;

import com.lianarig.sim.VirtualRig;
import com.lianarig.sim.physics.Exercise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault-injection scenario: timed {@link Faults} read from a small line-based file that people
 * edit by hand, applied to a {@link VirtualRig} through {@link VirtualRig#schedule}.
 *
 * <pre>
 * # comments run from '#' to the end of the line; blank lines are ignored
 * seed 42                                  # optional: seed for random(A,B) when applyTo gets none
 * at 1.5 channel-stuck left-leg            # one step per line: at SECONDS FAULT ARGS
 * at random(2,5) brake-slip 0 motor 0.2    # any time or number may be random(A,B), drawn A..B
 * </pre>
 *
 * Faults and their arguments ({@link #FAULT_USAGE}); ROPE is a rope's index or name
 * ({@code RopeSpec.name}), WINCH and NODE are the rig's indices, times are seconds after the start
 * given to {@link #applyTo}:
 * <pre>
 * channel-stuck ROPE | channel-saturated ROPE | channel-disconnected ROPE | channel-ok ROPE
 * channel-drift ROPE COUNTS_PER_S           encoder-jump WINCH COUNTS
 * brake-slip WINCH motor|drum|both HOLD_FRACTION                brake-ok WINCH
 * runaway WINCH MM_PER_S (0 = stop)          drive-fault WINCH on|off
 * bit-errors RATE    drop-bytes RATE         node-reset NODE [zero|random]   unplug SECONDS (replugs after)
 * extra-load ROPE NEWTONS                    foot-slip ROPE on|off
 * stop-open pendant|client|wall              stop-close pendant|client|wall
 * client MASS_KG STATURE_MM inverted|upright|none [SEED]   (no SEED: the tables' body)
 * </pre>
 *
 * <p>Every problem in a file is reported at once, in a {@link ScenarioException}: syntax and
 * numbers when parsing, rope names and indices against the rig when applying (before anything is
 * scheduled). Immutable.
 */
public final class Scenario {
    /** Each fault and its arguments, as the error messages and the docs show them. */
    public static final Map<String, String> FAULT_USAGE;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern RANDOM = Pattern.compile("random\\(([^,()]*),([^,()]*)\\)");
    private static final Pattern RANDOM_WITH_SPACES = Pattern.compile("random\\s*\\(([^)]*)\\)");
    private static final Map<String, Syntax> SYNTAX = new LinkedHashMap<>();

    static {
        rope1("channel-stuck", Faults::channelStuck);
        rope1("channel-saturated", Faults::channelSaturated);
        rope1("channel-disconnected", Faults::channelDisconnected);
        rope1("channel-ok", Faults::channelOk);
        define("channel-drift ROPE COUNTS_PER_S", a -> {
            String rope = a.token(0);
            Num rate = a.number(1, "COUNTS_PER_S", -1e7, 1e7);
            return (rig, r) -> {
                int i = Faults.rope(rig, rope);
                double v = rate.draw(r);
                return () -> Faults.channelDrift(rig, i, v);
            };
        });
        define("encoder-jump WINCH COUNTS", a -> {
            int winch = a.index(0, "WINCH");
            Num counts = a.number(1, "COUNTS", -1e9, 1e9);
            return (rig, r) -> {
                checkWinch(rig, winch);
                double v = Math.rint(counts.draw(r));
                return () -> Faults.encoderJump(rig, winch, v);
            };
        });
        define("brake-slip WINCH motor|drum|both HOLD_FRACTION", a -> {
            int winch = a.index(0, "WINCH");
            Faults.Brakes brakes = a.choice(1, "brake", Faults.Brakes.class);
            Num hold = a.number(2, "HOLD_FRACTION", 0, 1);
            return (rig, r) -> {
                checkWinch(rig, winch);
                double v = hold.draw(r);
                return () -> Faults.brakeSlip(rig, winch, brakes, v);
            };
        });
        define("brake-ok WINCH", a -> {
            int winch = a.index(0, "WINCH");
            return (rig, r) -> {
                checkWinch(rig, winch);
                return () -> Faults.brakeOk(rig, winch);
            };
        });
        define("runaway WINCH MM_PER_S", a -> {
            int winch = a.index(0, "WINCH");
            Num speed = a.number(1, "MM_PER_S", -10_000, 10_000);
            return (rig, r) -> {
                checkWinch(rig, winch);
                double v = speed.draw(r);
                return () -> Faults.runaway(rig, winch, v);
            };
        });
        define("drive-fault WINCH on|off", a -> {
            int winch = a.index(0, "WINCH");
            boolean on = a.onOff(1);
            return (rig, r) -> {
                checkWinch(rig, winch);
                return () -> Faults.driveFault(rig, winch, on);
            };
        });
        define("bit-errors RATE", a -> {
            Num rate = a.number(0, "RATE", 0, 1);
            return (rig, r) -> {
                double v = rate.draw(r);
                return () -> Faults.bitErrors(rig, v);
            };
        });
        define("drop-bytes RATE", a -> {
            Num rate = a.number(0, "RATE", 0, 1);
            return (rig, r) -> {
                double v = rate.draw(r);
                return () -> Faults.dropBytes(rig, v);
            };
        });
        define("node-reset NODE [zero|random]", a -> {
            int node = a.index(0, "NODE");
            VirtualRig.EncoderRestart encoder = a.size() > 1 ? a.choice(1, "encoder restart", VirtualRig.EncoderRestart.class)
                    : VirtualRig.EncoderRestart.RANDOM;
            return (rig, r) -> {
                if (node >= rig.nodeSpecs().size()) {
                    throw new IllegalArgumentException("node " + node + " is outside 0.." + (rig.nodeSpecs().size() - 1));
                }
                return () -> Faults.nodeReset(rig, node, encoder);
            };
        });
        define("unplug SECONDS", a -> {
            Num seconds = a.number(0, "SECONDS", 0.001, 1e6);
            return (rig, r) -> {
                double v = seconds.draw(r);
                return () -> Faults.unplug(rig, v);
            };
        });
        define("extra-load ROPE NEWTONS", a -> {
            String rope = a.token(0);
            Num load = a.number(1, "NEWTONS", -1e5, 1e5);
            return (rig, r) -> {
                int i = Faults.rope(rig, rope);
                double v = load.draw(r);
                return () -> Faults.extraLoad(rig, i, v);
            };
        });
        define("foot-slip ROPE on|off", a -> {
            String rope = a.token(0);
            boolean out = a.onOff(1);
            return (rig, r) -> {
                int i = Faults.rope(rig, rope);
                return () -> Faults.footSlip(rig, i, out);
            };
        });
        define("stop-open pendant|client|wall", a -> {
            Faults.ChainStop stop = a.choice(0, "stop", Faults.ChainStop.class);
            return (rig, r) -> () -> Faults.stopOpen(rig, stop);
        });
        define("stop-close pendant|client|wall", a -> {
            Faults.ChainStop stop = a.choice(0, "stop", Faults.ChainStop.class);
            return (rig, r) -> () -> Faults.stopClose(rig, stop);
        });
        define("client MASS_KG STATURE_MM inverted|upright|none [SEED]", a -> {
            Num mass = a.number(0, "MASS_KG", 20, 250);
            Num stature = a.number(1, "STATURE_MM", 1000, 2300);
            String how = a.token(2);
            Exercise exercise = switch (how) {
                case "inverted" -> Exercise.INVERTED_HANG;
                case "upright" -> Exercise.UPRIGHT_HANG;
                case "none" -> Exercise.NONE;
                default -> throw new LineError("exercise must be inverted, upright or none, not '" + how + "'");
            };
            Long seed = a.size() > 3 ? a.longValue(3, "SEED") : null;
            return (rig, r) -> {
                double m = mass.draw(r);
                double s = stature.draw(r);
                return () -> Faults.client(rig, m, s, exercise, seed);
            };
        });
        Map<String, String> usage = new LinkedHashMap<>();
        SYNTAX.forEach((k, v) -> usage.put(k, v.usage));
        FAULT_USAGE = Collections.unmodifiableMap(usage);
    }

    /**
     * One step as written.
     *
     * @param source the file name
     * @param line 1-based line number
     * @param text the step from the fault on, e.g. "brake-slip 0 motor 0.2"
     * @param fault the fault's name
     * @param at the time as written, seconds or random(A,B)
     */
    public record Step(String source, int line, String text, String fault, String at) {
        String where() {
            return source + ":" + line + ": '" + text + "'";
        }
    }

    /**
     * A step resolved for one rig: when it runs (after the start) and what it does.
     *
     * @param offsetNanos time after the start, ns
     */
    public record Planned(long offsetNanos, Step step, Runnable action) {
    }

    private record Parsed(Step step, Num at, Binder binder) {
    }

    private final String name;
    private final long seed;
    private final List<Parsed> steps;

    private Scenario(String name, long seed, List<Parsed> steps) {
        this.name = name;
        this.seed = seed;
        this.steps = List.copyOf(steps);
    }

    /** Reads a scenario file (UTF-8); the file's name is used in messages. */
    public static Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read the scenario: " + e));
        }
        return parse(file.getFileName().toString(), text);
    }

    /**
     * Parses a scenario's text.
     *
     * @param name what messages call it, e.g. the file name
     * @throws ScenarioException listing every malformed line
     */
    public static Scenario parse(String name, String text) {
        List<String> problems = new ArrayList<>();
        List<Parsed> steps = new ArrayList<>();
        long seed = 0;
        boolean seedSeen = false;
        String[] lines = text.split("\r?\n|\r", -1);
        for (int n = 1; n <= lines.length; n++) {
            String content = stripComment(lines[n - 1]).strip();
            if (content.isEmpty()) {
                continue;
            }
            String[] tokens = tokens(content);
            String where = name + ":" + n + ": '" + content + "'";
            try {
                if (tokens[0].equals("seed")) {
                    if (seedSeen) {
                        throw new LineError("the seed is already set above");
                    }
                    if (tokens.length != 2 || !tokens[1].matches("[+-]?\\d{1,18}")) {
                        throw new LineError("expected 'seed INTEGER'");
                    }
                    seed = Long.parseLong(tokens[1]);
                    seedSeen = true;
                    continue;
                }
                if (!tokens[0].equals("at")) {
                    throw new LineError("a step starts with 'at SECONDS', e.g. 'at 1.5 channel-stuck left-leg'");
                }
                if (tokens.length < 2) {
                    throw new LineError("missing the time after 'at'");
                }
                Num at = Num.parse(tokens[1], "time", 0, 1e6);
                if (tokens.length < 3) {
                    throw new LineError("missing the fault after the time: one of " + String.join(", ", SYNTAX.keySet()));
                }
                String fault = tokens[2];
                String stepText = String.join(" ", Arrays.copyOfRange(tokens, 2, tokens.length));
                where = name + ":" + n + ": '" + stepText + "'";
                Syntax syntax = SYNTAX.get(fault);
                if (syntax == null) {
                    throw new LineError("unknown fault '" + fault + "': expected one of " + String.join(", ", SYNTAX.keySet()));
                }
                Args args = new Args(Arrays.copyOfRange(tokens, 3, tokens.length));
                if (args.size() < syntax.minArgs || args.size() > syntax.maxArgs) {
                    throw new LineError((args.size() < syntax.minArgs ? "missing arguments" : "too many arguments")
                            + ": expected '" + syntax.usage + "'");
                }
                Binder binder = syntax.parser.parse(args);
                steps.add(new Parsed(new Step(name, n, stepText, fault, tokens[1]), at, binder));
            } catch (LineError e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(name, seed, steps);
    }

    public String name() {
        return name;
    }

    /** The seed of the 'seed' line, 0 without one. */
    public long seed() {
        return seed;
    }

    /** The steps in file order. */
    public List<Step> steps() {
        return steps.stream().map(Parsed::step).toList();
    }

    /** Applies the scenario with random(A,B) values drawn from the scenario's own seed. */
    public void applyTo(VirtualRig rig, long startNanos) {
        applyTo(rig, startNanos, new SplittableRandom(seed));
    }

    /**
     * Schedules every step on the rig at {@code startNanos} plus its time.
     *
     * @param random where random(A,B) times and values come from (same seed, same scenario)
     * @throws ScenarioException when a step names a rope, winch or node the rig lacks (nothing is scheduled)
     */
    public void applyTo(VirtualRig rig, long startNanos, SplittableRandom random) {
        for (Planned p : plan(rig, random)) {
            rig.schedule(startNanos + p.offsetNanos(), p.action());
        }
    }

    /**
     * Resolves every step for a rig: draws the random times and values (in file order, time then
     * values) and binds rope names and indices.
     *
     * @throws ScenarioException naming every step the rig cannot run
     */
    public List<Planned> plan(VirtualRig rig, SplittableRandom random) {
        List<String> problems = new ArrayList<>();
        List<Planned> planned = new ArrayList<>();
        for (Parsed p : steps) {
            long offsetNanos = Math.round(p.at.draw(random) * 1e9);
            try {
                planned.add(new Planned(offsetNanos, p.step, p.binder.bind(rig, random)));
            } catch (IllegalArgumentException e) {
                problems.add(p.step.where() + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return planned;
    }

    // ---- the grammar ----

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** Splits on whitespace, keeping "random( 1 , 2 )" one token. */
    private static String[] tokens(String content) {
        Matcher m = RANDOM_WITH_SPACES.matcher(content);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement("random(" + m.group(1).replaceAll("\\s+", "") + ")"));
        }
        m.appendTail(sb);
        return sb.toString().split("\\s+");
    }

    private static void define(String usage, ArgParser parser) {
        String[] words = usage.split(" ");
        int max = words.length - 1;
        int min = (int) Arrays.stream(words).skip(1).filter(w -> !w.startsWith("[")).count();
        SYNTAX.put(words[0], new Syntax(usage, min, max, parser));
    }

    private static void rope1(String fault, RopeFault action) {
        define(fault + " ROPE", a -> {
            String rope = a.token(0);
            return (rig, r) -> {
                int i = Faults.rope(rig, rope);
                return () -> action.apply(rig, i);
            };
        });
    }

    private static void checkWinch(VirtualRig rig, int winch) {
        int count = rig.physics().winches().size();
        if (winch >= count) {
            throw new IllegalArgumentException("winch " + winch + " is outside 0.." + (count - 1));
        }
    }

    private record Syntax(String usage, int minArgs, int maxArgs, ArgParser parser) {
    }

    @FunctionalInterface
    private interface ArgParser {
        Binder parse(Args args);
    }

    /** Turns a parsed step into an action on one rig; IllegalArgumentException when the rig cannot. */
    @FunctionalInterface
    private interface Binder {
        Runnable bind(VirtualRig rig, SplittableRandom random);
    }

    @FunctionalInterface
    private interface RopeFault {
        void apply(VirtualRig rig, int rope);
    }

    /** What is wrong with one line. */
    private static final class LineError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LineError(String message) {
            super(message, null, false, false);
        }
    }

    /** A number as written: fixed, or random(A,B) drawn uniformly from A..B. */
    private record Num(double low, double high) {
        static Num parse(String token, String what, double min, double max) {
            Matcher r = RANDOM.matcher(token);
            Num n;
            if (r.matches()) {
                double a = number(r.group(1), what);
                double b = number(r.group(2), what);
                if (a > b) {
                    throw new LineError(what + " " + token + ": A must not exceed B in random(A,B)");
                }
                n = new Num(a, b);
            } else if (token.startsWith("random")) {
                throw new LineError(what + " '" + token + "' must be random(A,B) with two numbers");
            } else {
                double v = number(token, what);
                n = new Num(v, v);
            }
            if (n.low < min || n.high > max) {
                throw new LineError(what + " " + token + " is outside " + fmt(min) + ".." + fmt(max));
            }
            return n;
        }

        private static double number(String s, String what) {
            if (!NUMBER.matcher(s).matches()) {
                throw new LineError(what + " must be a number or random(A,B), not '" + s + "'");
            }
            return Double.parseDouble(s);
        }

        double draw(SplittableRandom random) {
            return high > low ? random.nextDouble(low, high) : low;
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A step's arguments after the fault name. */
    private static final class Args {
        private final String[] tokens;

        Args(String[] tokens) {
            this.tokens = tokens;
        }

        int size() {
            return tokens.length;
        }

        String token(int i) {
            return tokens[i];
        }

        Num number(int i, String what, double min, double max) {
            return Num.parse(tokens[i], what, min, max);
        }

        int index(int i, String what) {
            if (!tokens[i].matches("\\d{1,3}")) {
                throw new LineError(what + " must be an index 0, 1, ..., not '" + tokens[i] + "'");
            }
            return Integer.parseInt(tokens[i]);
        }

        long longValue(int i, String what) {
            if (!tokens[i].matches("[+-]?\\d{1,18}")) {
                throw new LineError(what + " must be an integer, not '" + tokens[i] + "'");
            }
            return Long.parseLong(tokens[i]);
        }

        boolean onOff(int i) {
            return switch (tokens[i]) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new LineError("expected on or off, not '" + tokens[i] + "'");
            };
        }

        <E extends Enum<E>> E choice(int i, String what, Class<E> type) {
            E[] values = type.getEnumConstants();
            for (E e : values) {
                if (e.name().toLowerCase(Locale.ROOT).equals(tokens[i])) {
                    return e;
                }
            }
            List<String> names = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            throw new LineError(what + " must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                    + names.get(names.size() - 1) + ", not '" + tokens[i] + "'");
        }
    }
}
