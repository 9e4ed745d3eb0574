package com.lianarig.hal.node;

import com.lianarig.protocol.Identify;
import com.lianarig.protocol.ResetCause;

/**
 * Who a node said it is in its IDENTIFY.
 *
 * @param serial the node's serial number (calibrations are keyed by it)
 * @param firmwareVersion major.minor.patch
 * @param capabilities {@code Identify.CAP_*} bits
 * @param loadChannelCount load-cell channels on the node
 * @param winchCount winch drives on the node
 * @param maxSampleRateHz the highest sample rate it supports, Hz
 * @param resetCause why it last started
 * @param bootId differs at every start of the node
 */
public record NodeInfo(String serial, String firmwareVersion, int capabilities, int loadChannelCount, int winchCount,
        int maxSampleRateHz, ResetCause resetCause, long bootId) {

    static NodeInfo of(Identify id) {
        return new NodeInfo(id.serial(), id.firmwareMajor() + "." + id.firmwareMinor() + "." + id.firmwarePatch(),
                id.capabilities(), id.loadChannelCount(), id.winchCount(), id.maxSampleRateHz(), id.resetCause(),
                id.bootId());
    }

    public boolean hasCapability(int capability) {
        return (capabilities & capability) == capability;
    }
}
