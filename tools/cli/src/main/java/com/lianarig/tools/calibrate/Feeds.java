package com.lianarig.tools.calibrate;

import com.lianarig.config.ConfigException;
import com.lianarig.config.calibration.NodeCalibrations;
import com.lianarig.hal.serial.JSerialCommPortDiscovery;
import com.lianarig.hal.serial.SerialSettings;
import com.lianarig.tools.BadInputException;
import java.time.Duration;

/**
 * Opening a channel for the calibrate commands, and the words for what can go wrong: above all the
 * port-ownership rule (docs/calibration.md): a command opens the node's port itself only when it is
 * free; when another process holds it (the rig service, once it exists) the command stops and says
 * so, never talking to a node someone else drives.
 */
final class Feeds {
    /** How long the node may take to identify itself and stream the channel. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** What to do when the port is held, as docs/calibration.md says. */
    static final String PORT_OWNED_ADVICE = "The process holding the port owns the node: the rig service, if it runs."
            + " Stop it to calibrate from the command line. (Calibrating through the running service, as a"
            + " technician action from a panel, comes with the controller and MQTT interface: it does not exist"
            + " yet.)";

    private Feeds() {
    }

    /**
     * Checks the channel's node's calibration file can be read, before any work that would be lost
     * when it could not be saved (an unreadable file is never overwritten).
     */
    static NodeCalibrations checkStore(RigContext ctx, ChannelTarget target) throws BadInputException {
        try {
            return ctx.store().load(target.node().serial());
        } catch (ConfigException e) {
            throw new BadInputException("the calibration file cannot be used, and is never overwritten: "
                    + e.getMessage() + " (move it aside or repair it first)");
        }
    }

    /**
     * Opens the channel's node port and waits until the channel streams.
     *
     * @throws BadInputException naming the port and the problem (held by another process, missing,
     *     another node, silent); nothing is left open
     */
    static ChannelFeed open(RigContext ctx, ChannelTarget target) throws BadInputException {
        try {
            return ChannelFeed.open(target.node(), target.channel(), target.nodeChannels(), ctx.rig().limits(),
                    SerialSettings.defaults(), new JSerialCommPortDiscovery(), CONNECT_TIMEOUT);
        } catch (FeedException e) {
            String port = target.node().port().value();
            throw new BadInputException(switch (e.kind()) {
                case PORT_IN_USE -> "cannot open the port of node " + target.node().serial() + ": " + e.getMessage()
                        + ". " + PORT_OWNED_ADVICE;
                case PORT_UNAVAILABLE -> "cannot open the port of node " + target.node().serial() + " (" + port
                        + " in the rig file): " + e.getMessage();
                case WRONG_NODE, REFUSED -> "the node on " + port + " cannot be calibrated: " + e.getMessage();
                case NO_SAMPLES -> e.getMessage() + " (is the node powered and on " + port + "?)";
            });
        }
    }
}
