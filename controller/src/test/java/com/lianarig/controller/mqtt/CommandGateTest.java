package com.lianarig.controller.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelConfig;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.controller.command.Command;
import com.lianarig.controller.command.Refusal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC section 6 freshness and SR-16 (stale or duplicate payloads), judged on the controller's clock. */
class CommandGateTest {
    private final CommandGate gate = new CommandGate(List.of(new PanelConfig("trainer-tablet", PanelRole.TRAINER),
            new PanelConfig("tech-laptop", PanelRole.TECHNICIAN)), 7);

    private static PanelCommand jog(long session, long counter) {
        return new PanelCommand(session, counter, new Command.Jog("legs", Command.Jog.Direction.UP), PanelCommand.NO_CLOCK);
    }

    private static PanelCommand enable(long counter, long clockMs) {
        return new PanelCommand(7, counter, new Command.Enable(true), clockMs);
    }

    @Test
    void onlyConfiguredPanelsHaveAnIssuerWithTheirRole() {
        assertEquals(PanelRole.TECHNICIAN, gate.issuer("tech-laptop").orElseThrow().role());
        assertEquals(PanelRole.TRAINER, gate.issuer("trainer-tablet").orElseThrow().role());
        assertTrue(gate.issuer("studio").isEmpty());
    }

    @Test
    void aCommandForAnotherSessionIsStale() {
        CommandRejected r = gate.judge("trainer-tablet", jog(6, 1), 1_000);
        assertEquals(Refusal.STALE_SESSION, r.reason());
        assertTrue(r.getMessage().contains("session is 7"), r.getMessage());
    }

    @Test
    void aPanelThatDoesNotKnowTheSessionYetIsStaleButItsStopIsSafe() {
        PanelCommand stop = new PanelCommand(0, 1, new Command.Stop(), PanelCommand.NO_CLOCK);
        assertEquals(Refusal.STALE_SESSION, gate.judge("trainer-tablet", stop, 1_000).reason());
        assertTrue(stop.safeDirection(), "acted on all the same");
    }

    @Test
    void aRepeatedOrOlderCounterIsAReplay() {
        assertNull(gate.judge("trainer-tablet", jog(7, 10), 1_000));
        assertEquals(Refusal.DUPLICATE, gate.judge("trainer-tablet", jog(7, 10), 1_001).reason());
        assertEquals(Refusal.DUPLICATE, gate.judge("trainer-tablet", jog(7, 9), 1_002).reason());
        assertNull(gate.judge("trainer-tablet", jog(7, 11), 1_003));
        // counters are per panel
        assertNull(gate.judge("tech-laptop", jog(7, 1), 1_004));
    }

    @Test
    void aStaleCommandDoesNotMoveTheCounterOn() {
        assertNull(gate.judge("trainer-tablet", jog(7, 5), 1_000));
        assertEquals(Refusal.STALE_SESSION, gate.judge("trainer-tablet", jog(3, 50), 1_001).reason());
        assertNull(gate.judge("trainer-tablet", jog(7, 6), 1_002));
    }

    @Test
    void anEnableOlderThan250MsOnArrivalIsRejected() {
        assertNull(gate.judge("trainer-tablet", enable(1, 750), 1_000));
        CommandRejected old = gate.judge("trainer-tablet", enable(2, 749), 1_000);
        assertEquals(Refusal.STALE_ENABLE, old.reason());
        assertTrue(old.getMessage().contains("251 ms"), old.getMessage());
        assertEquals(Refusal.STALE_ENABLE, gate.judge("trainer-tablet", enable(3, 1_001), 1_000).reason());
    }

    @Test
    void stopAndLettingGoAreSafeInAnyFreshness() {
        assertTrue(new PanelCommand(1, 1, new Command.Stop(), PanelCommand.NO_CLOCK).safeDirection());
        assertTrue(new PanelCommand(1, 1, new Command.Enable(false), PanelCommand.NO_CLOCK).safeDirection());
        assertTrue(new PanelCommand(1, 1, new Command.RescueDescent(false), PanelCommand.NO_CLOCK).safeDirection());
        assertTrue(!enable(1, 0).safeDirection());
        assertTrue(!jog(7, 1).safeDirection());
    }

    /** Issue 20: one forged counter of 2^53-1 once locked the panel out for the rest of the session. */
    @Test
    void aCounterJumpingMoreThanAMillionIsRefusedAndMovesNothing() {
        assertNull(gate.judge("trainer-tablet", jog(7, 1_000), 1_000));
        CommandRejected poison = gate.judge("trainer-tablet", jog(7, CommandCodec.MAX_COUNTER), 1_001);
        assertEquals(Refusal.COUNTER_JUMP, poison.reason());
        assertTrue(poison.getMessage().contains("hello"), poison.getMessage());
        assertEquals(1_000, gate.lastCounter("trainer-tablet"), "the mark did not move");
        assertNull(gate.judge("trainer-tablet", jog(7, 1_001), 1_002), "the panel carries on");
        assertNull(gate.judge("trainer-tablet", jog(7, 1_001 + CommandGate.MAX_COUNTER_JUMP), 1_003), "a million is allowed");
        assertEquals(Refusal.COUNTER_JUMP, gate.judge("trainer-tablet",
                jog(7, 1_002 + 2 * CommandGate.MAX_COUNTER_JUMP), 1_004).reason());
    }

    @Test
    void aFirstCounterAbove2To52IsRefusedSoThatRoomRemains() {
        assertEquals(Refusal.COUNTER_JUMP, gate.judge("tech-laptop", jog(7, CommandGate.MAX_FIRST_COUNTER + 1), 1_000)
                .reason());
        assertEquals(0, gate.lastCounter("tech-laptop"));
        // a panel starting from the wall clock in ms (rig panel does) is far below it
        assertNull(gate.judge("tech-laptop", jog(7, 1_764_000_000_000L), 1_001));
    }

    /** The handshake: hello reads the mark, which only goes up (nothing captured can be replayed after it). */
    @Test
    void theMarkHelloReportsIsTheLastCounterTakenAndNeverGoesDown() {
        assertEquals(0, gate.lastCounter("trainer-tablet"), "none taken yet");
        assertNull(gate.judge("trainer-tablet", jog(7, 500), 1_000));
        gate.judge("trainer-tablet", jog(7, 400), 1_001);
        gate.judge("trainer-tablet", jog(6, 900), 1_002);
        assertEquals(500, gate.lastCounter("trainer-tablet"));
        // a forger raising the mark by the most allowed: the panel asks and carries on above it
        assertNull(gate.judge("trainer-tablet", jog(7, 500 + CommandGate.MAX_COUNTER_JUMP), 1_003));
        long mark = gate.lastCounter("trainer-tablet");
        assertEquals(Refusal.DUPLICATE, gate.judge("trainer-tablet", jog(7, 501), 1_004).reason());
        assertNull(gate.judge("trainer-tablet", jog(7, mark + 1), 1_005));
    }
}
