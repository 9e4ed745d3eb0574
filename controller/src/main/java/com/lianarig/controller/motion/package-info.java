/**
 * Motion profiles (SR-3, SR-4, SR-5, SR-10, SR-12, SR-19): pure math, no I/O, no threads, time passed in.
 *
 * <p>{@link com.lianarig.controller.motion.SCurveAxis} is the online jerk-limited set-point generator of
 * one axis (position moves, jogs, controlled stops, speed limits that change every period);
 * {@link com.lianarig.controller.motion.PairAxis} drives two winches from one axis with fixed offsets;
 * {@link com.lianarig.controller.motion.JerkLimitedRamp} gives the fastest velocity change and the braking
 * distance a slow-down zone must cover; {@link com.lianarig.controller.motion.MotionLimits} holds the fixed
 * speed, acceleration and jerk limits with their hard caps. See docs/motion.md.
 */
package com.lianarig.controller.motion;
