package com.lianarig.hal;

import com.lianarig.protocol.ChannelStatus;

/**
 * A copy of a channel's latest sample, for readers on other threads.
 *
 * @param rawCounts signed 24-bit ADC reading, raw counts
 * @param status OK, or why the counts are not to be trusted
 * @param nodeTimeUs node clock when the conversion completed, microseconds, unwrapped since the node's start
 * @param receivedAtNanos host monotonic clock when the frame was decoded, ns
 */
public record LoadSample(int rawCounts, ChannelStatus status, long nodeTimeUs, long receivedAtNanos) {
    public LoadSample {
        if (status == null) {
            throw new IllegalArgumentException("a load sample needs a status");
        }
    }
}
