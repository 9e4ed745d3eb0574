package com.lianarig.controller.rig;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.rig.Limits;
import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.config.rig.RopeKind;
import com.lianarig.config.rig.WinchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rig as the controller counts it: winches, ropes and motion groups by dense index, with the
 * unit conversions between the rig file's millimetres and the nodes' encoder counts. Immutable;
 * built once from the validated {@link RigConfig}.
 *
 * <p>A <em>motion group</em> is what moves as one: the two winches of a pair (SPEC section 1: they
 * always move together), or a single winch.
 */
public final class RigModel {
    /** Standard gravity, m/s^2: kilograms to newtons. */
    public static final double G_MPS2 = 9.80665;

    /** One winch. */
    public record WinchModel(int index, WinchConfig config, int nodeAddress, int nodeWinch, int group, int partner) {
        /** Encoder counts for a position, rounded. */
        public int countsOf(double positionMm) {
            return (int) Math.round(positionMm * config.countsPerMm());
        }

        /** Position for encoder counts, mm. */
        public double mmOf(int counts) {
            return counts / config.countsPerMm();
        }

        public boolean paired() {
            return partner >= 0;
        }
    }

    /** One rope with its load channel. */
    public record RopeModel(int index, RopeConfig config, int winch, ChannelRef channel, int nodeAddress,
            double limitN, int sampleRateHz) {
        public boolean legStrap() {
            return config.kind() == RopeKind.LEG_STRAP;
        }
    }

    /** Winches that move as one: a pair, or one winch. */
    public record Group(int index, String name, int[] winches) {
        public boolean pair() {
            return winches.length == 2;
        }
    }

    private final RigConfig config;
    private final List<WinchModel> winches;
    private final List<RopeModel> ropes;
    private final List<Group> groups;
    private final int[] ropeOfWinch;

    public RigModel(RigConfig config) {
        this.config = config;
        List<WinchConfig> wc = config.winches();
        List<Group> g = new ArrayList<>();
        int[] groupOf = new int[wc.size()];
        int[] partnerOf = new int[wc.size()];
        java.util.Arrays.fill(groupOf, -1);
        java.util.Arrays.fill(partnerOf, -1);
        for (int i = 0; i < wc.size(); i++) {
            if (groupOf[i] >= 0) {
                continue;
            }
            Optional<WinchConfig> partner = config.partner(wc.get(i));
            if (partner.isPresent()) {
                int j = wc.indexOf(partner.get());
                groupOf[i] = g.size();
                groupOf[j] = g.size();
                partnerOf[i] = j;
                partnerOf[j] = i;
                g.add(new Group(g.size(), wc.get(i).pair().orElseThrow(), new int[] {i, j}));
            } else {
                groupOf[i] = g.size();
                g.add(new Group(g.size(), wc.get(i).id(), new int[] {i}));
            }
        }
        List<WinchModel> w = new ArrayList<>();
        for (int i = 0; i < wc.size(); i++) {
            WinchConfig c = wc.get(i);
            NodeConfig node = config.node(c.node()).orElseThrow();
            w.add(new WinchModel(i, c, node.address(), c.index(), groupOf[i], partnerOf[i]));
        }
        List<RopeModel> r = new ArrayList<>();
        for (int i = 0; i < config.ropes().size(); i++) {
            RopeConfig rc = config.ropes().get(i);
            int winch = rc.winch().map(id -> indexOfWinch(wc, id)).orElse(-1);
            NodeConfig node = config.node(rc.node()).orElseThrow();
            r.add(new RopeModel(i, rc, winch, node.channel(rc.channel()), node.address(), rc.limitKg() * G_MPS2,
                    node.sampleRateHz()));
        }
        this.winches = List.copyOf(w);
        this.ropes = List.copyOf(r);
        this.groups = List.copyOf(g);
        this.ropeOfWinch = new int[wc.size()];
        java.util.Arrays.fill(ropeOfWinch, -1);
        for (int i = r.size() - 1; i >= 0; i--) {
            if (r.get(i).winch() >= 0) {
                ropeOfWinch[r.get(i).winch()] = i; // the first rope of the winch, in config order
            }
        }
    }

    private static int indexOfWinch(List<WinchConfig> wc, String id) {
        for (int i = 0; i < wc.size(); i++) {
            if (wc.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no winch " + id);
    }

    public RigConfig config() {
        return config;
    }

    public Limits limits() {
        return config.limits();
    }

    public List<WinchModel> winches() {
        return winches;
    }

    public WinchModel winch(int index) {
        return winches.get(index);
    }

    public List<RopeModel> ropes() {
        return ropes;
    }

    public RopeModel rope(int index) {
        return ropes.get(index);
    }

    public List<Group> groups() {
        return groups;
    }

    public Group group(int index) {
        return groups.get(index);
    }

    /** The leg-strap pair (the aimed group of the inverted hang), if the rig has one. */
    public Optional<Group> legPair() {
        for (Group g : groups) {
            if (g.pair() && ropes.stream().anyMatch(r -> r.legStrap() && r.winch() == g.winches()[0])) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    /** The rope hanging from {@code winch}, or -1. A table: the control step asks every period (P-4). */
    public int ropeOfWinch(int winch) {
        return winch >= 0 && winch < ropeOfWinch.length ? ropeOfWinch[winch] : -1;
    }

    /** The node addresses of the rig, in config order. */
    public int[] nodeAddresses() {
        return config.nodes().stream().mapToInt(NodeConfig::address).toArray();
    }
}
