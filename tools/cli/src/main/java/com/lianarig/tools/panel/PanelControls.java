package com.lianarig.tools.panel;

import com.lianarig.tools.mqtt.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The panel's keys (docs/panel.md): each key press becomes an action through the {@link Commander};
 * hold keys last while the terminal keeps repeating them ({@link HoldTracker}); attach and move-to
 * ask for their values on a prompt line.
 *
 * <p>Motion needs the enable live when it is asked (SR-10): the segment keys 1..7 and {@code p} are
 * hold keys themselves (hold 6: enable, aim at L4-L5, move there while held); a move-to is armed by
 * its prompt and goes out when {@code e} is next held. Pressed while another hold keeps the enable
 * live, they go out at once and the enable stays live (the terminal now repeats the new key).
 *
 * <p>Used by the panel's loop thread only.
 */
public final class PanelControls {
    /** The segment ids, in the order of keys 1..7 (SPEC section 5). */
    public static final List<String> SEGMENTS = List.of("C7-T1", "T4", "T8", "T12-L1", "L3", "L4-L5", "L5-S1");
    private static final int MAX_PROMPT_CHARS = 64;

    private final Commander commander;
    private final HoldTracker tracker;
    private final LongSupplier nowMs;
    private final String jogGroup;
    private String chosenSegment;
    private Commander.Motion armed;
    private String promptLabel;
    private final StringBuilder promptText = new StringBuilder();
    private Consumer<String> promptThen;
    private String message;
    private boolean quit;

    /**
     * @param nowMs the same monotonic clock (ms) the commander and the key timings use
     * @param jogGroup the group that jogs and the default group of move-to ("legs")
     */
    public PanelControls(Commander commander, HoldTracker tracker, LongSupplier nowMs, String jogGroup) {
        this.commander = commander;
        this.tracker = tracker;
        this.nowMs = nowMs;
        this.jogGroup = jogGroup;
        this.message = "press t to take control (keys below)";
    }

    /** One key press (or auto-repeat) now. */
    public void key(Key key) {
        if (key.kind() == Key.Kind.INTERRUPT || (promptLabel == null && key.is('q'))) {
            quit();
            return;
        }
        if (key.is(' ') || (promptLabel == null && key.is('s'))) {
            // STOP is always available, prompt or not.
            tracker.clear();
            armed = null;
            message = commander.stop();
            return;
        }
        if (promptLabel != null) {
            promptKey(key);
            return;
        }
        Hold hold = holdFor(key);
        if (hold != null) {
            boolean fresh = tracker.press(key, nowMs.getAsLong());
            if (fresh || commander.holding() != hold) {
                message = startHold(hold, key);
            }
            return;
        }
        // Another key: the terminal stops repeating the held one, so the hold ends here.
        releaseHold();
        if (!key.is('m')) {
            armed = null;
        }
        action(key);
    }

    /** Ends a hold whose repeats stopped, and refreshes the enable of one that lasts; call often. */
    public void step() {
        if (commander.holding() != null && tracker.released(nowMs.getAsLong())) {
            releaseHold();
        }
        commander.tick();
    }

    /** Releases any hold and asks the loop to end. */
    public void quit() {
        releaseHold();
        quit = true;
    }

    public boolean quitRequested() {
        return quit;
    }

    public PanelUi ui() {
        return new PanelUi(chosenSegment, promptLabel, promptText.toString(), commander.holding(), message);
    }

    private void releaseHold() {
        tracker.clear();
        if (commander.holding() != null) {
            message = commander.release();
        }
    }

    private String startHold(Hold hold, Key key) {
        switch (hold) {
            case AIM -> {
                armed = null;
                chosenSegment = SEGMENTS.get(key.ch() - '1');
                return commander.startHold(hold, new Commander.Motion("aim", Json.object().put("segment", chosenSegment)));
            }
            case PROGRAM -> {
                armed = null;
                if (chosenSegment == null) {
                    tracker.clear();
                    return "not sent: program-start (choose a segment first with keys 1..7)";
                }
                return commander.startHold(hold, new Commander.Motion("program-start", Json.object()
                        .put("segment", chosenSegment).put("presetId", "")));
            }
            case ENABLE -> {
                // the armed move-to goes out at every hold of e until another action: the rig never resumes
                // a paused move by itself, so each hold asks for it again
                return commander.startHold(hold, armed);
            }
            default -> {
                armed = null;
                return commander.startHold(hold);
            }
        }
    }

    private static Hold holdFor(Key key) {
        if (key.kind() == Key.Kind.UP || key.is('k') || key.is('u')) {
            return Hold.JOG_UP;
        }
        if (key.kind() == Key.Kind.DOWN || key.is('j') || key.is('d')) {
            return Hold.JOG_DOWN;
        }
        if (key.is('e')) {
            return Hold.ENABLE;
        }
        if (key.kind() == Key.Kind.CHAR && key.ch() >= '1' && key.ch() <= '7') {
            return Hold.AIM;
        }
        if (key.is('p')) {
            return Hold.PROGRAM;
        }
        return key.is('b') ? Hold.RESCUE : null;
    }

    private void action(Key key) {
        if (key.kind() != Key.Kind.CHAR) {
            return;
        }
        char c = key.ch();
        switch (c) {
            case 't' -> message = commander.send("take-control", null);
            case 'T' -> message = commander.send("release-control", null);
            case 'a' -> ask("attach: client id", this::attach);
            case 'A' -> ask("attach for the upright hang (finger loops): client id", id -> attach(id, "upright-hang"));
            case 'H' -> ask("aim-share (upright): % of body weight on the loops", this::aimShare);
            case 'c' -> message = commander.send("client-ready", null);
            case 'D' -> message = commander.send("detach", null);
            case 'm' -> ask("move-to: group (Enter: " + jogGroup + ")", this::moveToGroup);
            case 'R' -> message = commander.send("reset", null);
            case 'w' -> message = commander.send("program-pause", null);
            case 'r' -> message = commander.send("program-resume", null);
            case 'x' -> message = commander.send("program-stop", null);
            case 'C' -> message = commander.send("pre-use-check-start", null);
            case 'O' -> message = commander.send("save-offset", null);
            default -> message = "key '" + c + "' does nothing (the keys are listed below)";
        }
    }

    private void attach(String clientId) {
        attach(clientId, null);
    }

    /** Attach for an exercise ({@code null}: the controller's default, the inverted hang). */
    private void attach(String clientId, String exercise) {
        if (clientId.isEmpty()) {
            message = "not sent: attach (no client id given)";
            return;
        }
        com.fasterxml.jackson.databind.node.ObjectNode payload = Json.object().put("clientId", clientId);
        if (exercise != null) {
            payload.put("exercise", exercise);
        }
        message = commander.send("attach", payload);
    }

    private void aimShare(String percentText) {
        double percent;
        try {
            percent = Double.parseDouble(percentText);
        } catch (NumberFormatException e) {
            message = "not sent: aim-share (\"" + percentText + "\" is not a number of %)";
            return;
        }
        if (!(percent >= 5 && percent <= 100)) {
            message = "not sent: aim-share (the share must be 5..100 % of body weight, not " + percentText + ")";
            return;
        }
        message = commander.send("aim-share", Json.object().put("loadSharePercent", percent)) + " (hold e to move)";
    }

    private void moveToGroup(String group) {
        String chosen = group.isEmpty() ? jogGroup : group;
        ask("move-to " + chosen + ": height, mm", height -> moveTo(chosen, height));
    }

    private void moveTo(String group, String heightText) {
        double heightMm;
        try {
            heightMm = Double.parseDouble(heightText);
        } catch (NumberFormatException e) {
            message = "not sent: move-to (height \"" + heightText + "\" is not a number of mm)";
            return;
        }
        if (!(heightMm >= 0) || Double.isInfinite(heightMm)) {
            message = "not sent: move-to (height must be 0 mm or more, not " + heightText + ")";
            return;
        }
        armed = new Commander.Motion("move-to", Json.object().put("group", group).put("heightMm", heightMm));
        message = String.format(java.util.Locale.ROOT, "armed: move-to %s %.0f mm: hold e to move there (SR-10)", group,
                heightMm);
    }

    private void ask(String label, Consumer<String> then) {
        promptLabel = label;
        promptText.setLength(0);
        promptThen = then;
    }

    private void promptKey(Key key) {
        switch (key.kind()) {
            case ENTER -> {
                Consumer<String> then = promptThen;
                String text = promptText.toString().trim();
                promptLabel = null;
                promptThen = null;
                promptText.setLength(0);
                then.accept(text);
            }
            case ESCAPE -> {
                promptLabel = null;
                promptThen = null;
                promptText.setLength(0);
                message = "cancelled";
            }
            case BACKSPACE -> {
                if (promptText.length() > 0) {
                    promptText.setLength(promptText.length() - 1);
                }
            }
            case CHAR -> {
                if (promptText.length() < MAX_PROMPT_CHARS) {
                    promptText.append(key.ch());
                }
            }
            default -> {
                // arrows do nothing on a prompt
            }
        }
    }
}
