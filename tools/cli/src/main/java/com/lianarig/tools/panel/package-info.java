/**
 * {@code rig panel}: a terminal handheld panel for trainers over MQTT (docs/panel.md).
 *
 * <p>The parts are testable without a terminal: {@link com.lianarig.tools.panel.PanelModel} (the rig as
 * its messages describe it), {@link com.lianarig.tools.panel.Commander} (session, counters, the enable
 * refresh of SR-10, with an injected clock), {@link com.lianarig.tools.panel.PanelControls} and
 * {@link com.lianarig.tools.panel.HoldTracker} (keys to actions; a key is held while it auto-repeats),
 * {@link com.lianarig.tools.panel.KeyInput} (bytes from the terminal or a test stream) and
 * {@link com.lianarig.tools.panel.PanelRenderer} (the screen as text).
 */
package com.lianarig.tools.panel;
