package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Decision;
import com.lianarig.controller.command.Issuer;
import com.lianarig.controller.core.RigStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The MQTT side's bound in front of the controller's queue: safe-direction commands never wait
 * and are not repeated while undecided; others reach the controller one at a time per panel, within
 * the panel's rates, through a queue that keeps the newest. A scripted controller stands in for
 * {@code RigController} here (its queue is what is under test's control); decisions run on the
 * calling thread.
 */
class CommandDispatchTest {
    private static final Issuer TRAINER = new Issuer("trainer-tablet", PanelRole.TRAINER);
    private static final Issuer TECH = new Issuer("tech-laptop", PanelRole.TECHNICIAN);

    /** The controller's queue as the dispatch fills it: decided only when the test says. */
    private static final class ScriptedRig implements RigPort {
        final List<Command> submitted = new ArrayList<>();
        final List<CompletableFuture<Decision>> pending = new ArrayList<>();

        @Override
        public RigStatus status() {
            throw new UnsupportedOperationException("not used by the dispatch");
        }

        @Override
        public synchronized CompletableFuture<Decision> submit(Command command, Issuer issuer) {
            submitted.add(command);
            CompletableFuture<Decision> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        /** One control step: decides everything queued so far. */
        void step() {
            List<CompletableFuture<Decision>> now;
            synchronized (this) {
                now = new ArrayList<>(pending);
                pending.clear();
            }
            now.forEach(f -> f.complete(Decision.accept("ok")));
        }

        @Override
        public void speedsMmPerS(double[] out) {
        }

        @Override
        public long newestSampleNanos() {
            return Long.MIN_VALUE;
        }
    }

    private final ScriptedRig rig = new ScriptedRig();
    private final List<String> dropped = new ArrayList<>();
    private final CommandDispatch dispatch = new CommandDispatch(rig, Runnable::run,
            (c, then) -> dropped.add(c.name()));
    private final List<String> decided = new ArrayList<>();

    private CommandDispatch.Decided note(String what) {
        return (d, e) -> decided.add(what + (e == null ? "" : " failed"));
    }

    @Test
    void aStopNeverWaitsBehindAPanelsQueuedCommands() {
        long t = 0;
        dispatch.command(TRAINER, new Command.TakeControl(), t, note("take"));
        dispatch.command(TRAINER, new Command.Reset(), t, note("reset"));
        dispatch.command(TRAINER, new Command.Detach(), t, note("detach"));
        assertEquals(List.of("take-control"), names(rig.submitted), "one at a time");
        dispatch.safeDirection(TRAINER, new Command.Stop(), note("stop"));
        assertEquals(List.of("take-control", "stop"), names(rig.submitted), "the stop went at once");
        rig.step();
        assertEquals(List.of("take", "stop"), decided);
        assertEquals(List.of("take-control", "stop", "reset"), names(rig.submitted), "the next one follows its decision");
    }

    @Test
    void aRepeatedStopWhileTheFirstIsUndecidedIsNotSentAgainButAnswered() {
        assertEquals(CommandDispatch.Outcome.SENT, dispatch.safeDirection(TECH, new Command.Stop(), note("s1")));
        for (int i = 0; i < 1_000; i++) {
            assertEquals(CommandDispatch.Outcome.COALESCED, dispatch.safeDirection(TECH, new Command.Stop(), note("s")));
        }
        // (the first and its repeats up to MAX_WAITERS in all wait for the answer)
        assertEquals(CommandDispatch.Outcome.SENT, dispatch.safeDirection(TRAINER, new Command.Stop(), note("other")),
                "another panel's stop is its own");
        assertEquals(CommandDispatch.Outcome.SENT, dispatch.safeDirection(TECH, new Command.Enable(false), note("let go")),
                "a letting go is not a stop");
        assertEquals(3, rig.submitted.size());
        rig.step();
        assertEquals(CommandDispatch.MAX_WAITERS + 2, decided.size(), "the first and its repeats, MAX_WAITERS in all, "
                + "answered with its one decision; and the other two");
        assertEquals(CommandDispatch.Outcome.SENT, dispatch.safeDirection(TECH, new Command.Stop(), note("s2")),
                "once decided, the next stop goes again");
    }

    @Test
    void aFullQueueDropsItsOldestAndKeepsTheNewest() {
        long t = 0;
        dispatch.command(TRAINER, new Command.Heartbeat(), t, note("at the controller"));
        for (int i = 0; i < CommandDispatch.QUEUE + 3; i++) {
            dispatch.command(TRAINER, new Command.Enable(true), t + i * 60_000_000L, note("enable " + i));
        }
        assertEquals(List.of("enable", "enable", "enable"), dropped);
        assertEquals(1, rig.submitted.size());
        for (int i = 0; i <= CommandDispatch.QUEUE; i++) {
            rig.step();
        }
        assertEquals(1 + CommandDispatch.QUEUE, rig.submitted.size());
        assertEquals("enable " + (CommandDispatch.QUEUE + 2), decided.get(decided.size() - 1), "the newest was kept");
    }

    @Test
    void commandsOverThePanelsRateAreRefusedNotQueued() {
        long t = 1_000_000_000L;
        int sent = 0;
        int limited = 0;
        for (int i = 0; i < 100; i++) { // 100 take-controls within one second
            CommandDispatch.Outcome o = dispatch.command(TECH, new Command.TakeControl(), t + i * 10_000_000L, note("t"));
            if (o == CommandDispatch.Outcome.RATE_LIMITED) {
                limited++;
            } else {
                sent++;
            }
            rig.step();
        }
        assertTrue(sent <= CommandDispatch.COMMANDS_BURST + CommandDispatch.COMMANDS_PER_S + 1, "sent " + sent);
        assertTrue(limited >= 80, "limited " + limited);
        // the panel's enables have their own rate: a command flood does not starve them
        assertEquals(CommandDispatch.Outcome.SENT, dispatch.command(TECH, new Command.Enable(true), t + 1_000_000_000L,
                note("e")));
    }

    private static List<String> names(List<Command> commands) {
        return commands.stream().map(Command::name).toList();
    }
}
