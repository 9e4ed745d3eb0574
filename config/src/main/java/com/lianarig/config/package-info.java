/**
 * Rig configuration, calibration store and client profiles (SPEC section 2): depends on nothing of
 * ours, only the JDK, SLF4J and the YAML parser.
 *
 * <ul>
 *   <li>{@link com.lianarig.config.rig}: the rig file, its model and its loader;</li>
 *   <li>{@link com.lianarig.config.profile}: client profiles, one file per client;</li>
 *   <li>{@link com.lianarig.config.calibration}: load-cell calibrations with history (SR-17, R-6);</li>
 *   <li>{@link com.lianarig.config.store}: atomic file replacement shared by both stores;</li>
 *   <li>{@link com.lianarig.config.yaml}: the tree walker that turns a user's file into every
 *       error at once, each naming the file, the path inside it, the value and the rule.</li>
 * </ul>
 *
 * <p>Errors in a user's file are {@link com.lianarig.config.ConfigException}s carrying every
 * {@link com.lianarig.config.ConfigError}; nothing here lets a stack trace reach a user for a
 * mistake in a file.
 */
package com.lianarig.config;
