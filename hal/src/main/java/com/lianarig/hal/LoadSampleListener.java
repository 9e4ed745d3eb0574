package com.lianarig.hal;

import com.lianarig.protocol.ChannelStatus;

/**
 * Receives every load-cell sample of a channel as soon as its frame is decoded, so a safety check
 * runs on each sample as it arrives (SPEC section 2, SR-8), not on the next control-loop tick.
 *
 * <p>Called on the node session's owner thread, allocation-free: primitives and a protocol enum
 * constant only. Must not block; a STOP sent from inside the call goes out at once.
 */
@FunctionalInterface
public interface LoadSampleListener {

    /**
     * One sample.
     *
     * @param channel the channel's index on its node, 0..15
     * @param rawCounts signed 24-bit ADC reading, raw counts (the controller calibrates it)
     * @param status OK, or why the counts are not to be trusted
     * @param nodeTimeUs node clock when the conversion completed, microseconds, unwrapped since the node's start
     * @param receivedAtNanos host monotonic clock when the frame was decoded, ns
     */
    void onSample(int channel, int rawCounts, ChannelStatus status, long nodeTimeUs, long receivedAtNanos);
}
