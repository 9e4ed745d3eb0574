package com.lianarig.hal;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.NodeFault;

/**
 * Receives a winch's reports that are not periodic: a node-side protection that acted (FAULT_REPORT,
 * once per event) and the outcome of a brake test (BRAKE_TEST_RESULT, SR-18).
 *
 * <p>Called on the node session's owner thread. Must not block.
 */
public interface WinchEventListener {

    /**
     * A node-side protection acted on this winch.
     *
     * @param winch the winch's index on its node
     * @param fault which protection
     * @param measured the value that tripped it, in the limit's unit (PROTOCOL.md section 9.2)
     * @param limit the configured limit
     * @param nodeTimeUs node clock at the fault, microseconds, unwrapped since the node's start
     */
    default void onFault(int winch, NodeFault fault, int measured, int limit, long nodeTimeUs) {
    }

    /**
     * A brake test ended.
     *
     * @param winch the winch's index on its node
     * @param brake the brake tested
     * @param outcome held, slipped or aborted
     * @param movementCounts encoder movement during the test, counts
     * @param torquePermille torque actually applied, per mille of rated
     */
    default void onBrakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, int movementCounts,
            int torquePermille) {
    }
}
