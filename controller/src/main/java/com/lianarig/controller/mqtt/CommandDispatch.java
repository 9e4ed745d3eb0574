package com.lianarig.controller.mqtt;

import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;

/**
 * Hands judged panel commands to the controller at a bounded rate, stop first (R-10, issue 18: a flood
 * of 20,000 messages in 10 s once left enables unanswered and tripped SR-8). The controller's own
 * queue ({@code RigController.submit}) takes whatever it is given and decides all of it at the next
 * control step; this is the MQTT side's bound in front of it:
 * <ul>
 * <li><b>Safe direction first, never queued:</b> a stop, or letting go of enable or rescue, goes to
 * the controller at once, whatever is queued. A repeat of one from the same panel while the first is
 * still undecided is not sent again: it gets the same decision ({@link Outcome#COALESCED}; up to
 * {@value #MAX_WAITERS} repeats are answered).</li>
 * <li><b>Everything else, one at a time per panel:</b> a panel has at most one command at the
 * controller; the next waits in a queue of {@value #QUEUE} (the oldest waiting is dropped when a newer
 * comes to a full queue). Hold-to-run refreshes ({@code enable} held, {@code heartbeat}) may come
 * {@value #REFRESH_PER_S} a second (a handheld sends 10 and 1), other commands
 * {@value #COMMANDS_PER_S} a second with bursts of {@value #COMMANDS_BURST}; more is refused
 * ({@link Outcome#RATE_LIMITED}), never queued.</li>
 * </ul>
 * So whatever arrives, the controller receives at most one command per panel per step, and at most
 * {@value #REFRESH_PER_S} + {@value #COMMANDS_PER_S} a second per panel; the control thread never
 * waits on this class (decisions come back on {@code decisions}, the publisher's executor).
 *
 * <p>Thread-safe: commands arrive on the MQTT callback thread, decisions on the publisher thread;
 * each panel's state is guarded by its own lock, held for queue operations only.
 */
final class CommandDispatch {
    /** Commands waiting per panel while one is at the controller. */
    static final int QUEUE = 8;
    static final double REFRESH_PER_S = 20;
    static final double COMMANDS_PER_S = 5;
    static final double COMMANDS_BURST = 10;
    /** Repeats of one safe-direction command answered with its decision, at most (more are not answered). */
    static final int MAX_WAITERS = 64;

    /** What became of a command handed in. */
    enum Outcome {
        /** Sent to the controller (now or after the one before it): its decision follows. */
        SENT,
        /** A repeat of a safe-direction command still undecided: the first one's decision follows. */
        COALESCED,
        /** Over the panel's rate: refused now, nothing follows. */
        RATE_LIMITED
    }

    /** Where the controller's decisions go: (decision, or the failure that replaced it). */
    interface Decided extends BiConsumer<Decision, Throwable> {
    }

    private record Waiting(Command command, Decided then) {
    }

    private final class Lane {
        final Issuer issuer;
        final TokenBucket refresh = new TokenBucket(REFRESH_PER_S, REFRESH_PER_S);
        final TokenBucket commands = new TokenBucket(COMMANDS_PER_S, COMMANDS_BURST);
        final ArrayDeque<Waiting> waiting = new ArrayDeque<>(QUEUE);
        /** Per safe-direction command class, the callers waiting for the one at the controller. */
        final Map<String, List<Decided>> safePending = new HashMap<>();
        boolean atController;

        Lane(Issuer issuer) {
            this.issuer = issuer;
        }
    }

    private final RigPort rig;
    private final Executor decisions;
    private final Map<String, Lane> lanes = new HashMap<>();
    private final BiConsumer<Command, Decided> dropped;

    /**
     * @param rig the controller
     * @param decisions where decisions are handled (the publisher thread): never the control thread
     * @param dropped told of a waiting command dropped from a full queue (with its callback, which is not called)
     */
    CommandDispatch(RigPort rig, Executor decisions, BiConsumer<Command, Decided> dropped) {
        this.rig = Objects.requireNonNull(rig, "rig");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    private Lane lane(Issuer issuer) {
        synchronized (lanes) {
            return lanes.computeIfAbsent(issuer.panelId(), k -> new Lane(issuer));
        }
    }

    /**
     * A stop, or letting go of enable or rescue: to the controller at once (or, when the same one from
     * this panel is still undecided, its decision).
     */
    Outcome safeDirection(Issuer issuer, Command command, Decided then) {
        Lane lane = lane(issuer);
        String key = command.getClass().getSimpleName();
        List<Decided> waiters;
        synchronized (lane) {
            List<Decided> pending = lane.safePending.get(key);
            if (pending != null) {
                if (pending.size() < MAX_WAITERS) {
                    pending.add(then);
                }
                return Outcome.COALESCED;
            }
            waiters = new ArrayList<>();
            waiters.add(then);
            lane.safePending.put(key, waiters);
        }
        // one dependent per trip to the controller, however many wait on it
        rig.submit(command, lane.issuer).whenCompleteAsync((d, e) -> {
            List<Decided> all;
            synchronized (lane) {
                lane.safePending.remove(key, waiters);
                all = List.copyOf(waiters);
            }
            for (Decided w : all) {
                w.accept(d, e);
            }
        }, decisions);
        return Outcome.SENT;
    }

    /**
     * Any other command: to the controller when the panel has none there, else queued; refused when
     * over the panel's rate.
     *
     * @param nowNanos host monotonic time, for the rate
     */
    Outcome command(Issuer issuer, Command command, long nowNanos, Decided then) {
        Lane lane = lane(issuer);
        boolean refresh = command instanceof Command.Enable || command instanceof Command.Heartbeat;
        Waiting oldest = null;
        boolean sendNow;
        synchronized (lane) {
            if (!(refresh ? lane.refresh : lane.commands).take(nowNanos)) {
                return Outcome.RATE_LIMITED;
            }
            sendNow = !lane.atController;
            if (sendNow) {
                lane.atController = true;
            } else {
                if (lane.waiting.size() >= QUEUE) {
                    oldest = lane.waiting.pollFirst();
                }
                lane.waiting.addLast(new Waiting(command, then));
            }
        }
        if (oldest != null) {
            dropped.accept(oldest.command(), oldest.then());
        }
        if (sendNow) {
            send(lane, command, then);
        }
        return Outcome.SENT;
    }

    private void send(Lane lane, Command command, Decided then) {
        rig.submit(command, lane.issuer).whenCompleteAsync((d, e) -> {
            try {
                then.accept(d, e);
            } finally {
                Waiting next;
                synchronized (lane) {
                    next = lane.waiting.pollFirst();
                    if (next == null) {
                        lane.atController = false;
                    }
                }
                if (next != null) {
                    send(lane, next.command(), next.then());
                }
            }
        }, decisions);
    }
}
