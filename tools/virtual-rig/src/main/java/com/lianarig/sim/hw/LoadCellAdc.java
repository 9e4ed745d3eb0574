package com.lianarig.sim.hw;

import com.lianarig.protocol.ChannelStatus;

/** What a node's firmware sees of one load-cell channel: a 24-bit ADC conversion and its status. */
public interface LoadCellAdc {

    /** Takes a conversion now (the ADC's data-ready at the node's sample time). */
    void convert();

    /** The latest conversion, signed 24-bit counts. */
    int rawCounts();

    /** Whether the conversion can be trusted. */
    ChannelStatus status();
}
