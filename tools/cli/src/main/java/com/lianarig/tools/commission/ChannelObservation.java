package com.lianarig.tools.commission;

import java.util.List;
import java.util.Optional;

/**
 * What one rope's pull showed: the channel the rig file names for it, and the channel whose reading
 * changed most (if any changed).
 *
 * @param rope the rope's id
 * @param node the rig file's node id of its load channel
 * @param channel the rig file's channel
 * @param seen the channel that answered, or empty when none changed within the wait
 * @param changeCounts the answering channel's change, counts (negative: the reading fell)
 * @param changeKg the change in kg when that channel is calibrated, else NaN
 * @param alsoChanged other channels that changed beyond their threshold too, in words
 */
record ChannelObservation(String rope, String node, int channel, Optional<Seen> seen, double changeCounts,
        double changeKg, List<String> alsoChanged) {

    /** A channel of a node. */
    record Seen(String node, int channel) {
        @Override
        public String toString() {
            return "node " + node + " channel " + channel;
        }
    }

    ChannelObservation {
        alsoChanged = List.copyOf(alsoChanged);
    }

    boolean onExpectedChannel() {
        return seen.isPresent() && seen.get().equals(new Seen(node, channel));
    }
}
