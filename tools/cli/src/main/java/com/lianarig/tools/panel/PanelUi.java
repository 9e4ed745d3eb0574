package com.lianarig.tools.panel;

/**
 * The panel's own state for the display: what the trainer chose and typed, not what the rig said.
 *
 * @param chosenSegment the segment picked with keys 1..7, null until one is
 * @param promptLabel the question being asked, null when none
 * @param promptText what has been typed so far
 * @param holding the hold-to-run action in progress, null when none
 * @param message the outcome of the last action, in words
 */
public record PanelUi(String chosenSegment, String promptLabel, String promptText, Hold holding, String message) {
}
