package com.lianarig.tools.doctor;

import com.lianarig.config.rig.NodeConfig;
import com.lianarig.config.rig.RigConfig;
import com.lianarig.config.rig.RopeConfig;
import com.lianarig.hal.serial.JSerialCommPortDiscovery;
import com.lianarig.hal.serial.PortDiscovery;
import com.lianarig.hal.serial.PortUnavailableException;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.tools.calibrate.ChannelFeed;
import com.lianarig.tools.calibrate.FeedException;
import com.lianarig.tools.service.RunCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Each node's serial port (present, readable and writable by this user) and the node on it (it
 * identifies as the serial the rig file names, with this build's protocol-definition hash).
 */
final class SerialChecks {
    /** How long a node has to identify and stream. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(5);

    private SerialChecks() {
    }

    /** The port's device path, found (USB selectors through jSerialComm's port list) or not. */
    record Port(String path, String problem) {
    }

    static Port resolve(NodeConfig node, PortDiscovery discovery) {
        try {
            return new Port(RunCommand.selector(node.port()).resolve(discovery), null);
        } catch (PortUnavailableException e) {
            return new Port(null, e.getMessage());
        }
    }

    static Check port(RigConfig rig, Path rigFile, NodeConfig node) {
        String where = "nodes[" + rig.nodes().indexOf(node) + "].port in " + rigFile;
        return Check.of("serial port " + node.id(), Duration.ofSeconds(5),
                "unplug and replug node " + node.id() + "'s USB cable, then run rig doctor again", name -> {
                    Port port = resolve(node, new JSerialCommPortDiscovery());
                    if (port.path() == null) {
                        return CheckResult.fail(name, port.problem(), "connect node " + node.id() + " (serial "
                                + node.serial() + ") and power it; if it is on another port, set " + where
                                + " (a USB serial number survives re-plugging: udevadm info -q property -n /dev/ttyACM0)");
                    }
                    Path p = Path.of(port.path());
                    if (!Files.exists(p)) {
                        return CheckResult.fail(name, port.path() + " does not exist", "connect node " + node.id()
                                + " (serial " + node.serial() + ") by USB and power it; ls /dev/serial/by-id/ lists the"
                                + " serial ports; put the right one in " + where);
                    }
                    if (!Files.isReadable(p) || !Files.isWritable(p)) {
                        return CheckResult.fail(name, port.path() + " is there but " + System.getProperty("user.name")
                                + " may not read and write it", "sudo adduser " + System.getProperty("user.name")
                                + " dialout, then log out and in again (the service's own user " + Fixes.SERVICE
                                + " is in dialout already)");
                    }
                    return CheckResult.pass(name, port.path() + " present, readable and writable");
                });
    }

    /** How long the node check watches the link's traffic for noise and loss once the node streams. */
    static final Duration LINK_WINDOW = Duration.ofSeconds(1);

    /**
     * The node on its port: identified, the right one, the same protocol definition; then its link
     * watched for {@link #LINK_WINDOW}, judged by {@link LinkHealth} and handed to {@code link}.
     */
    static Check node(RigConfig rig, NodeConfig node, java.util.function.Consumer<CheckResult> link) {
        return Check.of("node " + node.id(), NODE_TIMEOUT.plus(LINK_WINDOW).plusSeconds(3),
                "check node " + node.id() + "'s power and cable; rig sim or rig conformance PORT talk to a node"
                        + " directly", name -> {
                    List<Integer> channels = rig.ropes().stream().filter(r -> r.node().equals(node.id()))
                            .map(RopeConfig::channel).sorted().toList();
                    int channel = channels.isEmpty() ? 0 : channels.get(0);
                    try (ChannelFeed feed = ChannelFeed.open(node, channel, channels, rig.limits(), SerialSettings.defaults(),
                            new JSerialCommPortDiscovery(), NODE_TIMEOUT)) {
                        var info = feed.nodeInfo();
                        // the node streams: what its line does now (the connect's cut frame left out)
                        var before = LinkHealth.of(feed.counters());
                        Thread.sleep(LINK_WINDOW.toMillis() + 150); // the counters are published every 100 ms
                        link.accept(LinkHealth.judge("link " + node.id(), "in " + LINK_WINDOW.toSeconds()
                                + " s of traffic", LinkHealth.minus(LinkHealth.of(feed.counters()), before)));
                        return CheckResult.pass(name, "identified as " + info.serial() + ", firmware "
                                + info.firmwareVersion() + ", protocol definition hash "
                                + String.format(Locale.ROOT, "0x%08X", ProtocolDefinition.HASH) + " matches");
                    } catch (FeedException e) {
                        return switch (e.kind()) {
                            case PORT_IN_USE -> CheckResult.warn(name, "its port is held by another process: "
                                    + e.getMessage(), "that is the rig service when it runs, and it checks the node"
                                    + " itself (its journal says \"node ... identified\"); to check from here: "
                                    + Fixes.STOP_SERVICE + ", rig doctor, " + Fixes.START_SERVICE);
                            case PORT_UNAVAILABLE -> CheckResult.fail(name, "cannot open its port: " + e.getMessage(),
                                    "see the serial port check above");
                            case WRONG_NODE -> CheckResult.fail(name, e.getMessage(), "the board on this port is not"
                                    + " node " + node.serial() + ": put the right board on it, or correct nodes[].serial"
                                    + " and port in the rig file (calibrations are kept under the serial)");
                            case REFUSED -> CheckResult.fail(name, e.getMessage(), "the node's firmware and this rig"
                                    + " build come from different protocol definitions: flash the node with firmware"
                                    + " of protocol definition hash " + String.format(Locale.ROOT, "0x%08X",
                                            ProtocolDefinition.HASH) + " (rig --version), or install the matching rig"
                                    + " package");
                            case NO_SAMPLES -> CheckResult.fail(name, e.getMessage(), "check that node " + node.id()
                                    + " is powered and its firmware runs, the baud rate (nodes[].baud) and the cable");
                        };
                    }
                });
    }
}
