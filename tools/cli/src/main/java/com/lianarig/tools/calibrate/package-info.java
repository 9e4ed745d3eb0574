/**
 * {@code rig calibrate}: the guided load-cell calibration of a rig's channels (SPEC section 7, SR-17).
 *
 * <p>Pure parts, tested alone: {@link com.lianarig.tools.calibrate.PointTaker} (averaging and the
 * stability check, in samples and counts) and {@link com.lianarig.tools.calibrate.CalibrationRun}
 * (points, fit, verification and what may be saved). The rest wires them to a node's load channel
 * through hal and to the rig file's calibration store. docs/calibration.md describes the flow.
 */
package com.lianarig.tools.calibrate;
