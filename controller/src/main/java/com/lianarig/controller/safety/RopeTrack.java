package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.ChannelStatus;

/**
 * One rope's measured state, allocated once (SAFETY-CORE "tracks"): written by the supervisor as each
 * sample is decoded (the node session's thread, under the supervisor's lock), read by the rules.
 */
final class RopeTrack {
    final int index;
    final RigModel.RopeModel model;
    /** SR-8: a sample older than this is stale, ns (2.5 sample periods by default). */
    final long maxSampleAgeNanos;
    /** The node whose channel measures it. */
    NodeTrack node;
    /** The winch the rope hangs from, or null for a fixed finger loop. */
    WinchTrack winch;
    /** The rope of the paired winch, or null. */
    RopeTrack partner;

    /** Calibration (SR-17): raw counts at zero load, and newtons per count; NaN when uncalibrated. */
    double offsetCounts;
    double newtonsPerCount = Double.NaN;
    /** SR-17: why the rope has no calibration, when known (its calibration file damaged, ...), else null. */
    String whyUncalibrated;

    /** The last sample, N (NaN when uncalibrated), its raw counts and status, when it was decoded. */
    double loadN = Double.NaN;
    int lastRaw;
    ChannelStatus status = ChannelStatus.OK;
    long sampleNanos;
    boolean haveSample;
    /** How many samples in a row repeated the same raw value (SR-8 frozen). */
    int sameRawCount;
    /** The node's time of the last sample, us (unwrapped since the node's start); -1 before the first on this link. */
    long nodeTimeUs = -1;
    /** SR-8: the host's own lateness already reported for the current silence of this channel. */
    boolean hostDelayReported;
    /** The expected load for the current heights (model share x body weight), N. */
    double expectedN;

    RopeTrack(RigModel.RopeModel model, long maxSampleAgeNanos) {
        this.index = model.index();
        this.model = model;
        this.maxSampleAgeNanos = maxSampleAgeNanos;
    }

    boolean calibrated() {
        return !Double.isNaN(newtonsPerCount);
    }

    String id() {
        return model.config().id();
    }

    /** The latest load if a sample was seen, else NaN, N. */
    double seenLoadN() {
        return haveSample ? loadN : Double.NaN;
    }
}
