package com.lianarig.controller.mqtt;

import com.lianarig.config.rig.PanelConfig;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.command.Refusal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Freshness of panel commands (SPEC section 6), judged on the controller's own clock: a command for
 * another session, a counter not above the panel's last one (a replay or a reordering), or an enable
 * based on a clock reading older than {@value #ENABLE_MAX_AGE_MS} ms on arrival is rejected. Stop,
 * and letting go of enable or rescue, pass whatever their freshness: they can only make the rig
 * safer. Only panels of this rig have an issuer at all: the rig file's, and the devices a technician
 * paired ({@link PanelDirectory}, asked at every message, so a revoked device is no panel from then on).
 *
 * <p>Freshness that cannot be poisoned (issue 20): a counter more than {@value #MAX_COUNTER_JUMP}
 * above the panel's last one, or a panel's first counter of the session above
 * {@value #MAX_FIRST_COUNTER}, is refused ({@code COUNTER_JUMP}) and moves nothing: one forged
 * command with counter 2^53-1 once locked the panel out for the rest of the session. So a forger
 * can raise a panel's mark by at most a million per command, from a start that leaves 2^52 counters
 * of room. A panel that has lost its place (it restarted, or its mark was raised under it) asks
 * with {@code hello} ({@link #lastCounter}) and carries on above the mark: the mark never goes down,
 * so nothing captured earlier can be replayed.
 *
 * <p>Judged on the MQTT client's callback thread only (the counters are not thread-safe); {@link #issuer}
 * may be asked from any thread.
 */
final class CommandGate {
    /** SR-10: an enable older than this on arrival is no enable. */
    static final long ENABLE_MAX_AGE_MS = 250;
    /** The largest step a panel's counter may take above its last one. */
    static final long MAX_COUNTER_JUMP = 1_000_000L;
    /** The largest first counter of a panel in a session: 2^52, half the range (a wall clock in ms is far below). */
    static final long MAX_FIRST_COUNTER = 1L << 52;

    private final Map<String, Issuer> issuers = new HashMap<>();
    private final PanelDirectory paired;
    private final Map<String, Long> lastCounter = new HashMap<>();
    private final long session;

    CommandGate(List<PanelConfig> panels, long session) {
        this(panels, PanelDirectory.NONE, session);
    }

    /** @param paired the paired devices (SPEC section 6a); a rig-file panel of the same id wins */
    CommandGate(List<PanelConfig> panels, PanelDirectory paired, long session) {
        for (PanelConfig p : panels) {
            issuers.put(p.id(), new Issuer(p.id(), p.role()));
        }
        this.paired = Objects.requireNonNull(paired, "paired");
        this.session = session;
    }

    /**
     * The issuer for a panel of this rig (the rig file's, else a paired device), or empty for an id that
     * is neither (or a device revoked since). Thread-safe: the MQTT receiver thread asks too.
     */
    Optional<Issuer> issuer(String panelId) {
        Issuer configured = issuers.get(panelId);
        return configured != null ? Optional.of(configured) : paired.issuer(panelId);
    }

    /** The session commands must name. */
    long session() {
        return session;
    }

    /**
     * The panel's high-water mark: the last counter accepted from it this session, 0 when none. Its
     * next command must carry a counter above it (and at most {@value #MAX_COUNTER_JUMP} above).
     */
    long lastCounter(String panelId) {
        return lastCounter.getOrDefault(panelId, 0L);
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
        if (last != null && c.counter() - last > MAX_COUNTER_JUMP) {
            return new CommandRejected(Refusal.COUNTER_JUMP, "counter " + c.counter() + " is more than "
                    + MAX_COUNTER_JUMP + " above " + last + ", the last one from " + panelId
                    + " this session; send hello to learn where to carry on", c.counter(), name);
        }
        if (last == null && c.counter() > MAX_FIRST_COUNTER) {
            return new CommandRejected(Refusal.COUNTER_JUMP, "counter " + c.counter() + " as " + panelId
                    + "'s first this session is above " + MAX_FIRST_COUNTER + " (2^52): start lower", c.counter(), name);
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
