/**
 * Load-cell calibration (SPEC section 7, SR-17, R-6): per node serial and channel, a tare offset and
 * a scale from a multi-point least-squares fit ({@link com.lianarig.config.calibration.LinearFit})
 * with its linearity error and residuals; the history of every calibration, kept in one file per node
 * ({@link com.lianarig.config.calibration.CalibrationStore}, written atomically); the rule that refuses
 * a tare while a rope is loaded or moving ({@link com.lianarig.config.calibration.TareCheck}); and the
 * SR-17 query naming every channel without a valid calibration.
 *
 * <p>Everything here is pure apart from the store's file access; time is passed in, never read.
 */
package com.lianarig.config.calibration;
