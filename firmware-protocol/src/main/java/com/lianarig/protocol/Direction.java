package com.lianarig.protocol;

/** Which side sent a frame; bit 7 of the ADDR byte. */
public enum Direction {
    HOST_TO_NODE,
    NODE_TO_HOST;

    int addressBit() {
        return this == NODE_TO_HOST ? FrameFormat.FROM_NODE_BIT : 0;
    }
}
