package com.lianarig.controller.mqtt;

import com.lianarig.config.rig.PanelConfig;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Freshness of panel commands (SPEC section 6), judged on the controller's own clock: a command for
 * another session, a counter not above the panel's last one (a replay or a reordering), or an enable
 * based on a clock reading older than {@value #ENABLE_MAX_AGE_MS} ms on arrival is rejected. Stop,
 * and letting go of enable or rescue, pass whatever their freshness: they can only make the rig
 * safer. Only configured panels have an issuer at all.
 *
 * <p>Used from the MQTT client's callback thread only; not thread-safe.
 */
final class CommandGate {
    /** SR-10: an enable older than this on arrival is no enable. */
    static final long ENABLE_MAX_AGE_MS = 250;

    private final Map<String, Issuer> issuers = new HashMap<>();
    private final Map<String, Long> lastCounter = new HashMap<>();
    private final long session;

    CommandGate(List<PanelConfig> panels, long session) {
        for (PanelConfig p : panels) {
            issuers.put(p.id(), new Issuer(p.id(), p.role()));
        }
        this.session = session;
    }

    /** The issuer for a configured panel, or empty for one the rig file does not name. */
    Optional<Issuer> issuer(String panelId) {
        return Optional.ofNullable(issuers.get(panelId));
    }

    /**
     * Judges one decoded command from a configured panel.
     *
     * @param nowMs the controller clock on arrival, ms since the service started
     * @return null when it is fresh (the panel's counter moves on); otherwise why it is stale. The caller
     *     still acts on a stale command in the safe direction ({@link PanelCommand#safeDirection()}).
     */
    CommandRejected judge(String panelId, PanelCommand c, long nowMs) {
        CommandRejected stale = staleness(panelId, c, nowMs, c.command().name());
        if (stale == null) {
            lastCounter.put(panelId, c.counter());
        }
        return stale;
    }

    private CommandRejected staleness(String panelId, PanelCommand c, long nowMs, String name) {
        if (c.session() != session) {
            return new CommandRejected(Refusal.STALE_SESSION, "the command is for session " + c.session()
                    + "; the controller's session is " + session + " (read it from status or state)", c.counter(), name);
        }
        Long last = lastCounter.get(panelId);
        if (last != null && c.counter() <= last) {
            return new CommandRejected(Refusal.DUPLICATE, "counter " + c.counter() + " is not above " + last
                    + ", the last one from " + panelId + " this session: a replayed or reordered command", c.counter(),
                    name);
        }
        if (c.clockMs() != PanelCommand.NO_CLOCK) {
            long ageMs = nowMs - c.clockMs();
            if (ageMs < 0) {
                return new CommandRejected(Refusal.STALE_ENABLE, "the enable's clockMs " + c.clockMs()
                        + " is ahead of the controller's clock (" + nowMs + " ms)", c.counter(), name);
            }
            if (ageMs > ENABLE_MAX_AGE_MS) {
                return new CommandRejected(Refusal.STALE_ENABLE, "the enable is based on a controller clock reading "
                        + ageMs + " ms old on arrival; at most " + ENABLE_MAX_AGE_MS + " ms (SR-10)", c.counter(), name);
            }
        }
        return null;
    }
}
