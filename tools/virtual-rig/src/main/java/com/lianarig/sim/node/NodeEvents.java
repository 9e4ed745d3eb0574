package com.lianarig.sim.node;

import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.BrakeTestOutcome;
import com.lianarig.protocol.NodeFault;

/** What a node winch tells its node, which turns it into FAULT_REPORT and BRAKE_TEST_RESULT frames. */
interface NodeEvents {
    void fault(int winch, NodeFault fault, int measured, int limit);

    void brakeTestResult(int winch, BrakeId brake, BrakeTestOutcome outcome, int movementCounts, int torquePermille);
}
