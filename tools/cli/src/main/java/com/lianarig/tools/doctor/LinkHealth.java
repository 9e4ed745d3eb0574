package com.lianarig.tools.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A node link's counters judged for rig doctor (docs/operations.md, "link"): PASS when the link shows
 * only frames, WARN with what it saw and the fix otherwise. A host that opens a port while the node
 * streams may catch the end of a frame: up to one frame's worth of garbage bytes per connect is normal.
 */
final class LinkHealth {
    /** Garbage bytes a connect may show by itself: the rest of one maximum frame. */
    static final long GARBAGE_PER_CONNECT = 256;

    static final String FIX = "noise or loss on the node's line: check the cable (length, shielding, the connectors at"
            + " both ends), keep it away from motor and drive cables, and power a USB hub of its own; a node that"
            + " reconnects may reset (its power supply) or lose its USB connection (dmesg says)";

    private LinkHealth() {
    }

    /**
     * The trouble counts worth naming, in the order a technician reads them; zero counts left out.
     * Keys are the MQTT diagnostics fields.
     */
    static Map<String, Long> trouble(Map<String, Long> counts) {
        Map<String, Long> t = new LinkedHashMap<>();
        for (String key : List.of("badCrc", "badLength", "garbageBytes", "unknownMessages", "wrongDirection",
                "lostFrames", "duplicateFrames", "retransmissions", "invalidPayloads", "receiveOverflowBytes",
                "reconnects", "nodeRxCrcErrors", "nodeRxOtherDrops")) {
            long v = counts.getOrDefault(key, 0L);
            if (v > 0) {
                t.put(key, v);
            }
        }
        return t;
    }

    /**
     * @param name the check's name ("link main")
     * @param over what the counts cover ("in 1 s of traffic", "since the service started 2 h ago")
     * @param counts the counters, by their MQTT diagnostics names ({@code frames}, {@code badCrc}...)
     */
    static CheckResult judge(String name, String over, Map<String, Long> counts) {
        Map<String, Long> trouble = trouble(counts);
        long reconnects = counts.getOrDefault("reconnects", 0L);
        boolean onlyConnectGarbage = trouble.keySet().equals(java.util.Set.of("garbageBytes"))
                && trouble.get("garbageBytes") <= GARBAGE_PER_CONNECT * (1 + reconnects);
        String frames = String.format(Locale.ROOT, "%,d frames %s", counts.getOrDefault("frames", 0L), over);
        if (trouble.isEmpty() || onlyConnectGarbage) {
            return CheckResult.pass(name, frames + ", no noise or loss"
                    + (onlyConnectGarbage ? " (" + trouble.get("garbageBytes") + " garbage bytes: the frame cut by"
                            + " the connect)" : ""));
        }
        List<String> parts = new ArrayList<>();
        trouble.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d %s", v, words(k, v))));
        return CheckResult.warn(name, frames + ": " + String.join(", ", parts), FIX);
    }

    private static String words(String key, long n) {
        String w = switch (key) {
            case "badCrc" -> "bad CRC";
            case "badLength" -> "bad length";
            case "garbageBytes" -> "garbage byte";
            case "unknownMessages" -> "unknown message";
            case "wrongDirection" -> "frame for another address or direction";
            case "lostFrames" -> "lost frame";
            case "duplicateFrames" -> "duplicate frame";
            case "retransmissions" -> "retransmission";
            case "invalidPayloads" -> "invalid payload";
            case "receiveOverflowBytes" -> "byte dropped by a host that fell behind";
            case "reconnects" -> "reconnect";
            case "nodeRxCrcErrors" -> "bad CRC seen by the node";
            case "nodeRxOtherDrops" -> "other drop seen by the node";
            default -> key;
        };
        if (n == 1 || w.startsWith("byte dropped") || w.startsWith("bad CRC") || w.startsWith("bad length")) {
            return w;
        }
        if (w.startsWith("frame for")) {
            return "frames for another address or direction";
        }
        if (w.startsWith("other drop")) {
            return "other drops seen by the node";
        }
        return w + "s";
    }

    /** The counts of hal's NodeCounters under the MQTT diagnostics names. */
    static Map<String, Long> of(com.lianarig.hal.node.NodeCounters c) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("frames", c.frames());
        m.put("garbageBytes", c.garbageBytes());
        m.put("badLength", c.badLength());
        m.put("badCrc", c.badCrc());
        m.put("unknownMessages", c.unknownMessages());
        m.put("wrongDirection", c.wrongDirection());
        m.put("lostFrames", c.lostFrames());
        m.put("duplicateFrames", c.duplicateFrames());
        m.put("retransmissions", c.retransmissions());
        m.put("invalidPayloads", c.invalidPayloads());
        m.put("receiveOverflowBytes", c.receiveOverflowBytes());
        m.put("reconnects", c.reconnects());
        m.put("nodeRxCrcErrors", (long) c.nodeRxCrcErrors());
        m.put("nodeRxOtherDrops", (long) c.nodeRxOtherDrops());
        return m;
    }

    /** {@code after - before} for every key. */
    static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> m = new LinkedHashMap<>();
        after.forEach((k, v) -> m.put(k, v - before.getOrDefault(k, 0L)));
        return m;
    }
}
