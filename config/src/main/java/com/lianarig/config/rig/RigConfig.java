package com.lianarig.config.rig;

import com.lianarig.config.ChannelRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rig, as its rig file describes it: nodes, winches, ropes, safety limits, GPIO, MQTT, panels,
 * journal and data paths. Immutable and consistent: the constructor runs every cross-section rule
 * ({@link RigChecks}); {@link RigConfigLoader} reports them all at once with their place in the file.
 *
 * @param nodes 1..{@value #MAX_NODES} nodes
 * @param winches 0..{@value #MAX_WINCHES} winches
 * @param ropes {@value #MIN_ROPES}..{@value #MAX_ROPES} ropes
 * @param limits the SPEC section 4 limits
 * @param gpio the Pi's GPIO
 * @param mqtt the MQTT interface
 * @param panels the panels commands are accepted from
 * @param journal the journal
 * @param paths where data is kept
 * @param web the trainers' web panel (SPEC section 6a), when the rig serves one
 */
public record RigConfig(List<NodeConfig> nodes, List<WinchConfig> winches, List<RopeConfig> ropes, Limits limits,
        GpioConfig gpio, MqttConfig mqtt, List<PanelConfig> panels, JournalConfig journal, DataPaths paths,
        Optional<WebConfig> web) {
    public static final int MAX_NODES = 8;
    public static final int MAX_WINCHES = 6;
    /** SPEC section 1: 2 to 6 ropes. */
    public static final int MIN_ROPES = 2;
    public static final int MAX_ROPES = 6;
    public static final int MAX_PANELS = 16;

    public RigConfig {
        nodes = List.copyOf(nodes);
        winches = List.copyOf(winches);
        ropes = List.copyOf(ropes);
        panels = List.copyOf(panels);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(paths, "paths");
        Objects.requireNonNull(web, "web");
        RigIds.range("node count", nodes.size(), 1, MAX_NODES);
        RigIds.range("winch count", winches.size(), 0, MAX_WINCHES);
        RigIds.range("rope count", ropes.size(), MIN_ROPES, MAX_ROPES);
        RigIds.range("panel count", panels.size(), 0, MAX_PANELS);
        List<RigChecks.Problem> problems = RigChecks.check(new RigChecks.Parts(nodes, true, winches, true, ropes, true,
                limits, mqtt, panels));
        if (!problems.isEmpty()) {
            RigChecks.Problem p = problems.get(0);
            throw new IllegalArgumentException(p.path() + ": " + (p.value() == null ? "" : p.value() + " ")
                    + p.rule());
        }
        String webProblem = web.map(w -> w.brokerProblem(mqtt)).orElse(null);
        if (webProblem != null) {
            throw new IllegalArgumentException(webProblem);
        }
    }

    /** A rig without a web panel. */
    public RigConfig(List<NodeConfig> nodes, List<WinchConfig> winches, List<RopeConfig> ropes, Limits limits,
            GpioConfig gpio, MqttConfig mqtt, List<PanelConfig> panels, JournalConfig journal, DataPaths paths) {
        this(nodes, winches, ropes, limits, gpio, mqtt, panels, journal, paths, Optional.empty());
    }

    /** This rig with {@code web} as its web panel (empty: none). */
    public RigConfig withWeb(Optional<WebConfig> web) {
        return new RigConfig(nodes, winches, ropes, limits, gpio, mqtt, panels, journal, paths, web);
    }

    /** This rig with {@code mqtt} as its MQTT interface. */
    public RigConfig withMqtt(MqttConfig mqtt) {
        return new RigConfig(nodes, winches, ropes, limits, gpio, mqtt, panels, journal, paths, web);
    }

    /** The node with this id. */
    public Optional<NodeConfig> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    /** The winch with this id. */
    public Optional<WinchConfig> winch(String id) {
        return winches.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** The rope with this id. */
    public Optional<RopeConfig> rope(String id) {
        return ropes.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The calibration key of a rope's load channel (its node's serial and the channel). */
    public ChannelRef loadChannel(RopeConfig rope) {
        NodeConfig node = node(rope.node()).orElseThrow(() -> new IllegalArgumentException(
                "rope " + rope.id() + " is not a rope of this rig"));
        return node.channel(rope.channel());
    }

    /** Every rope's load channel, in rope order: what SR-17's calibration query is asked about. */
    public List<ChannelRef> loadChannels() {
        return ropes.stream().map(this::loadChannel).toList();
    }

    /** The other winch of {@code winch}'s pair, if it is in one. */
    public Optional<WinchConfig> partner(WinchConfig winch) {
        if (winch.pair().isEmpty()) {
            return Optional.empty();
        }
        return winches.stream().filter(w -> !w.id().equals(winch.id()) && w.pair().equals(winch.pair())).findFirst();
    }
}
