/**
 * Aiming the traction (SPEC section 5): pure functions and immutable records, no I/O, no threads.
 *
 * <p>{@link com.lianarig.controller.aiming.SegmentMassTable} is the load-share estimate (Dempster via
 * Winter) and its inverse; {@link com.lianarig.controller.aiming.GeometricEstimate} the geometric one
 * (Drillis and Contini via Winter, ANSUR II); {@link com.lianarig.controller.aiming.HeightRefiner}
 * turns the live rope share into a bounded height correction that never exceeds SR-20's cap. The
 * tables are the published ones; nothing here shares code with the simulator's body model.
 */
package com.lianarig.controller.aiming;
