package com.lianarig.config.rig;

import static com.lianarig.config.yaml.Problems.number;
import static com.lianarig.config.yaml.Problems.quote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rules between the sections of a rig file: unique ids, ports and channels, references that
 * name something, pairs of exactly two winches with the leg straps on one pair, a rope on every
 * winch, sample rates and link budgets that suit the node's winches, and timing that suits the
 * nodes.
 *
 * <p>The loader runs these on the parts that loaded (a null entry is one that did not, and is
 * skipped); a check that needs a whole section (e.g. "names no node") runs only when that section
 * loaded completely, so no error here is a consequence of another.
 */
final class RigChecks {
    /**
     * One broken rule.
     *
     * @param path where, e.g. {@code ropes[2].winch}
     * @param value the offending value rendered (text quoted), or null
     * @param rule what is wrong, phrased to follow the value
     */
    record Problem(String path, String value, String rule) {
    }

    /**
     * What loaded.
     *
     * @param nodesComplete whether every node entry loaded (and the list itself was fine)
     */
    record Parts(List<NodeConfig> nodes, boolean nodesComplete, List<WinchConfig> winches, boolean winchesComplete,
            List<RopeConfig> ropes, boolean ropesComplete, Limits limits, MqttConfig mqtt, List<PanelConfig> panels) {
    }

    /** PROTOCOL.md 1.2's link budget: a frame is its payload + 10 bytes, a byte 10 bit times. */
    static final int FRAME_OVERHEAD_BYTES = 10;
    static final int LOAD_SAMPLES_FIXED_BYTES = 6;
    static final int LOAD_SAMPLE_BYTES = 4;
    static final int WINCH_STATUS_FRAME_BYTES = 37;
    static final int NODE_STATUS_FRAME_BYTES = 20;
    static final int NODE_STATUS_RATE_HZ = 20;

    private RigChecks() {
    }

    static List<Problem> check(Parts p) {
        List<Problem> out = new ArrayList<>();
        unique(out, "nodes", p.nodes(), NodeConfig::id, "id", "the id of");
        unique(out, "nodes", p.nodes(), NodeConfig::serial, "serial", "the serial of");
        unique(out, "winches", p.winches(), WinchConfig::id, "id", "the id of");
        unique(out, "ropes", p.ropes(), RopeConfig::id, "id", "the id of");
        unique(out, "panels", p.panels(), PanelConfig::id, "id", "the id of");
        ports(out, p.nodes());
        winches(out, p);
        ropes(out, p);
        pairs(out, p);
        nodeTraffic(out, p);
        timing(out, p);
        return out;
    }

    /** Reports every entry whose key repeats an earlier entry's. */
    private static <T> void unique(List<Problem> out, String section, List<T> entries, Function<T, String> key,
            String field, String phrase) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            T e = entries.get(i);
            if (e == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(key.apply(e), i);
            if (earlier != null) {
                out.add(new Problem(section + "[" + i + "]." + field, quote(key.apply(e)),
                        "is already " + phrase + " " + section + "[" + earlier + "]: each must be unique"));
            }
        }
    }

    /** One node per serial port (PROTOCOL.md 1.2: no multi-drop in protocol version 1). */
    private static void ports(List<Problem> out, List<NodeConfig> nodes) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            NodeConfig n = nodes.get(i);
            if (n == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(n.port().key() + ":" + n.port().value(), i);
            if (earlier != null) {
                String hint = n.port() instanceof PortSelector.VidPid
                        ? ": a vidPid finds one port only while one adapter of that kind is plugged in; use usbSerial"
                        : ": one node per serial port";
                out.add(new Problem("nodes[" + i + "].port." + n.port().key(), quote(n.port().value()),
                        "is already the port of nodes[" + earlier + "]" + hint));
            }
        }
    }

    private static void winches(List<Problem> out, Parts p) {
        Map<String, Integer> slots = new HashMap<>();
        for (int i = 0; i < p.winches().size(); i++) {
            WinchConfig w = p.winches().get(i);
            if (w == null) {
                continue;
            }
            reference(out, "winches[" + i + "].node", w.node(), p.nodes(), p.nodesComplete(), NodeConfig::id, "node");
            Integer earlier = slots.putIfAbsent(w.node() + "#" + w.index(), i);
            if (earlier != null) {
                out.add(new Problem("winches[" + i + "].index", number(w.index()),
                        "is already the index of winches[" + earlier + "] on node " + quote(w.node())));
            }
        }
        boolean danglingRope = p.ropes().stream().anyMatch(r -> r != null && r.winch().isPresent()
                && find(p.winches(), WinchConfig::id, r.winch().get()) == null);
        if (!p.ropesComplete() || danglingRope) {
            return;
        }
        for (int i = 0; i < p.winches().size(); i++) {
            WinchConfig w = p.winches().get(i);
            if (w != null && p.ropes().stream().noneMatch(r -> r.winch().equals(Optional.of(w.id())))) {
                out.add(new Problem("winches[" + i + "].id", quote(w.id()),
                        "carries no rope: every winch carries one"));
            }
        }
    }

    private static void ropes(List<Problem> out, Parts p) {
        Map<String, Integer> winchUse = new HashMap<>();
        Map<String, Integer> channelUse = new HashMap<>();
        for (int i = 0; i < p.ropes().size(); i++) {
            RopeConfig r = p.ropes().get(i);
            if (r == null) {
                continue;
            }
            String at = "ropes[" + i + "]";
            if (r.winch().isPresent()) {
                String w = r.winch().get();
                reference(out, at + ".winch", w, p.winches(), p.winchesComplete(), WinchConfig::id, "winch");
                Integer earlier = winchUse.putIfAbsent(w, i);
                if (earlier != null) {
                    out.add(new Problem(at + ".winch", quote(w), "is already the winch of ropes[" + earlier
                            + "]: a winch carries one rope"));
                }
            }
            reference(out, at + ".node", r.node(), p.nodes(), p.nodesComplete(), NodeConfig::id, "node");
            Integer earlier = channelUse.putIfAbsent(r.node() + "#" + r.channel(), i);
            if (earlier != null) {
                out.add(new Problem(at + ".channel", number(r.channel()), "is already the load channel of ropes["
                        + earlier + "] on node " + quote(r.node()) + ": each rope has its own load cell"));
            }
            NodeConfig node = find(p.nodes(), NodeConfig::id, r.node());
            if (r.onWinch() && node != null && node.sampleRateHz() < NodeConfig.WINCH_CHANNEL_MIN_SAMPLE_RATE_HZ) {
                out.add(new Problem(at + ".channel", number(r.channel()), "is sampled at " + node.sampleRateHz()
                        + " Hz by node " + quote(node.id()) + ": a channel a winch depends on needs "
                        + NodeConfig.WINCH_CHANNEL_MIN_SAMPLE_RATE_HZ + " Hz (SPEC section 1)"));
            }
        }
    }

    /** Pairs are exactly two winches; the leg straps are one left and one right, on one pair. */
    private static void pairs(List<Problem> out, Parts p) {
        if (!p.winchesComplete()) {
            return;
        }
        Map<String, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < p.winches().size(); i++) {
            WinchConfig w = p.winches().get(i);
            int index = i;
            w.pair().ifPresent(pair -> members.computeIfAbsent(pair, k -> new ArrayList<>()).add(index));
        }
        members.forEach((pair, idx) -> {
            if (idx.size() != 2) {
                int last = idx.get(idx.size() - 1);
                out.add(new Problem("winches[" + last + "].pair", quote(pair), "has " + idx.size()
                        + " winch" + (idx.size() == 1 ? "" : "es") + ": a pair is exactly two winches"));
            }
        });
        members.forEach((pair, idx) -> {
            if (idx.size() == 2) {
                WinchConfig a = p.winches().get(idx.get(0));
                WinchConfig b = p.winches().get(idx.get(1));
                if (!a.node().equals(b.node())) {
                    // a pair stops together (SPEC section 4): one node's stop, gap and watchdog must hold both
                    out.add(new Problem("winches[" + idx.get(1) + "].node", quote(b.node()), "differs from the node "
                            + quote(a.node()) + " of its pair partner " + quote(a.id())
                            + ": both winches of a pair hang on one node, so they always stop together"));
                }
            }
        });
        if (!p.ropesComplete()) {
            return;
        }
        for (Map.Entry<String, List<Integer>> e : members.entrySet()) {
            if (e.getValue().size() != 2) {
                continue;
            }
            RopeConfig a = ropeOn(p.ropes(), p.winches().get(e.getValue().get(0)).id());
            RopeConfig b = ropeOn(p.ropes(), p.winches().get(e.getValue().get(1)).id());
            if (a != null && b != null && (a.kind() != b.kind() || a.side() == b.side())) {
                out.add(new Problem("winches[" + e.getValue().get(1) + "].pair", quote(e.getKey()),
                        "joins ropes " + quote(a.id()) + " and " + quote(b.id())
                                + ": a pair is a left and a right rope of the same kind"));
            }
        }
        List<Integer> legs = new ArrayList<>();
        for (int i = 0; i < p.ropes().size(); i++) {
            if (p.ropes().get(i).kind() == RopeKind.LEG_STRAP) {
                legs.add(i);
            }
        }
        if (legs.isEmpty()) {
            return;
        }
        if (legs.size() != 2) {
            out.add(new Problem("ropes[" + legs.get(legs.size() - 1) + "].kind", quote(RopeKind.LEG_STRAP.id()),
                    "makes " + legs.size() + " leg straps: a rig has none or two, left and right, on one pair"));
            return;
        }
        RopeConfig left = p.ropes().get(legs.get(0));
        RopeConfig right = p.ropes().get(legs.get(1));
        if (left.side() == right.side()) {
            out.add(new Problem("ropes[" + legs.get(1) + "].side", quote(right.side().id()),
                    "is the side of the other leg strap too: one left, one right"));
            return;
        }
        WinchConfig wl = find(p.winches(), WinchConfig::id, left.winch().orElse(""));
        WinchConfig wr = find(p.winches(), WinchConfig::id, right.winch().orElse(""));
        if (wl != null && wr != null && (wl.pair().isEmpty() || !wl.pair().equals(wr.pair()))) {
            out.add(new Problem("ropes[" + legs.get(1) + "].winch", quote(wr.id()), "and " + quote(wl.id())
                    + " carry the leg straps but are not one pair: give both winches the same pair (SPEC section 1)"));
        }
    }

    /** Each node's traffic fits its link (PROTOCOL.md 1.2 link budget). */
    private static void nodeTraffic(List<Problem> out, Parts p) {
        if (!p.winchesComplete() || !p.ropesComplete()) {
            return;
        }
        for (int i = 0; i < p.nodes().size(); i++) {
            NodeConfig n = p.nodes().get(i);
            if (n == null) {
                continue;
            }
            int highestChannel = p.ropes().stream().filter(r -> r.node().equals(n.id()))
                    .mapToInt(RopeConfig::channel).max().orElse(-1);
            long winches = p.winches().stream().filter(w -> w.node().equals(n.id())).count();
            long bytesPerS = bytesPerS(n.sampleRateHz(), highestChannel + 1, n.statusRateHz(), winches);
            long capacity = n.baud() / 10L;
            if (bytesPerS > capacity) {
                out.add(new Problem("nodes[" + i + "].baud", number(n.baud()), "carries " + capacity
                        + " bytes/s but this node sends about " + bytesPerS + " bytes/s (" + winches + " winches at "
                        + n.statusRateHz() + " Hz, " + (highestChannel + 1) + " channels at " + n.sampleRateHz()
                        + " Hz; PROTOCOL.md 1.2)"));
            }
        }
    }

    /** Bytes per second a node sends: load samples, winch status, node status. */
    static long bytesPerS(int sampleRateHz, int channels, int statusRateHz, long winches) {
        int frameBytes = FRAME_OVERHEAD_BYTES + LOAD_SAMPLES_FIXED_BYTES + LOAD_SAMPLE_BYTES * channels;
        long load = channels == 0 ? 0 : (long) sampleRateHz * frameBytes;
        return load + statusRateHz * WINCH_STATUS_FRAME_BYTES * winches
                + NODE_STATUS_RATE_HZ * NODE_STATUS_FRAME_BYTES;
    }

    /** A node sends NODE_STATUS at 20 Hz from IDENTIFIED on (PROTOCOL.md 7.18), ms. */
    static final double NODE_STATUS_PERIOD_MS = 50;

    private static void timing(List<Problem> out, Parts p) {
        if (p.limits() == null) {
            return;
        }
        for (int i = 0; i < p.nodes().size(); i++) {
            NodeConfig n = p.nodes().get(i);
            if (n == null) {
                continue;
            }
            boolean hasWinches = p.winches() != null
                    && p.winches().stream().anyMatch(w -> w != null && n.id().equals(w.node()));
            if (hasWinches) {
                double threeStatusMs = 3000.0 / n.statusRateHz();
                if (p.limits().linkTimeoutMs() < threeStatusMs) {
                    out.add(new Problem("limits." + LimitSpec.LINK_TIMEOUT_MS.key(),
                            number(p.limits().linkTimeoutMs()), "is shorter than three status periods of nodes[" + i
                                    + "] (" + number(threeStatusMs) + " ms at statusRateHz " + n.statusRateHz()
                                    + "): the link would time out in normal running"));
                }
            } else if (p.limits().linkTimeoutMs() < 2 * NODE_STATUS_PERIOD_MS) {
                // a node without winches is only sure to be heard through NODE_STATUS (PROTOCOL.md 7.18)
                out.add(new Problem("limits." + LimitSpec.LINK_TIMEOUT_MS.key(), number(p.limits().linkTimeoutMs()),
                        "is shorter than two NODE_STATUS periods (" + number(2 * NODE_STATUS_PERIOD_MS) + " ms) of"
                                + " nodes[" + i + "], which drives no winch: the link would time out in normal running"));
            }
        }
        if (p.mqtt() != null && p.mqtt().telemetryHz() > p.limits().controlRateHz()) {
            out.add(new Problem("mqtt.telemetryHz", number(p.mqtt().telemetryHz()), "is above limits.controlRateHz "
                    + p.limits().controlRateHz()));
        }
    }

    private static <T> void reference(List<Problem> out, String path, String id, List<T> targets, boolean complete,
            Function<T, String> idOf, String what) {
        if (!complete || find(targets, idOf, id) != null) {
            return;
        }
        String known = targets.stream().map(idOf).collect(Collectors.joining(", "));
        String plural = what.endsWith("ch") ? what + "es" : what + "s";
        out.add(new Problem(path, quote(id), "names no " + what + (known.isEmpty() ? "" : " (the "
                + (targets.size() == 1 ? what + " is " : plural + " are ") + known + ")")));
    }

    private static <T> T find(List<T> entries, Function<T, String> idOf, String id) {
        for (T e : entries) {
            if (e != null && Objects.equals(idOf.apply(e), id)) {
                return e;
            }
        }
        return null;
    }

    private static RopeConfig ropeOn(List<RopeConfig> ropes, String winchId) {
        for (RopeConfig r : ropes) {
            if (r.winch().isPresent() && r.winch().get().equals(winchId)) {
                return r;
            }
        }
        return null;
    }
}
