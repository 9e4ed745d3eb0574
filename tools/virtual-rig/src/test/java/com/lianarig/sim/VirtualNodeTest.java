package com.lianarig.sim;

import static com.lianarig.sim.SimHost.MS;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.Brake;
import com.lianarig.protocol.BrakeAction;
import com.lianarig.protocol.BrakeId;
import com.lianarig.protocol.ClearShutdown;
import com.lianarig.protocol.ConfigureNode;
import com.lianarig.protocol.ConfigureWinch;
import com.lianarig.protocol.FaultReport;
import com.lianarig.protocol.NodeFault;
import com.lianarig.protocol.NodeState;
import com.lianarig.protocol.ProtocolDefinition;
import com.lianarig.protocol.Reference;
import com.lianarig.protocol.ReferenceMode;
import com.lianarig.protocol.Stop;
import com.lianarig.protocol.StopCategory;
import com.lianarig.protocol.WinchState;
import com.lianarig.protocol.WinchStatus;
import com.lianarig.protocol.link.HostLinkSession;
import com.lianarig.protocol.link.LinkFault;
import com.lianarig.sim.physics.WinchSim;
import org.junit.jupiter.api.Test;

/** The virtual node against the real host link session, on the stepped clock (PROTOCOL.md). */
class VirtualNodeTest {

    @Test
    void identifiesWithTheDefinitionHashAndBootId() {
        SimHost host = SimHost.standard(1).boot();

        assertEquals(HostLinkSession.State.READY, host.session.state());
        assertEquals(ProtocolDefinition.HASH, host.identity.definitionHash());
        assertEquals("VR-0001", host.identity.serial());
        assertEquals(3, host.identity.winchCount());
        assertEquals(4, host.identity.loadChannelCount());
    }

    @Test
    void configuredNodeStreamsStatusAtTheStatusRateAndSamplesAt80Hz() {
        SimHost host = SimHost.standard(2).configured();
        int statusBefore = host.of(WinchStatus.class).size();
        int samplesBefore = host.samples().size();

        host.step(1_000);

        long winch0 = host.of(WinchStatus.class).stream().skip(statusBefore).filter(s -> s.winch() == 0).count();
        assertEquals(100, winch0, 1, "WINCH_STATUS per winch at the configured 100 Hz");
        assertEquals(80, host.samples().size() - samplesBefore, 1, "LOAD_SAMPLES at 80 Hz");
        assertEquals(4, host.samples().get(samplesBefore).samples().size());
        assertTrue(host.answers.stream().allMatch(a -> a.startsWith("ack")), host.answers.toString());
    }

    @Test
    void sampleTimestampsAre12500UsApartOnTheNodeClock() {
        SimHost host = SimHost.standard(3).configured();
        host.step(200);

        var samples = host.samples();
        for (int i = 1; i < samples.size(); i++) {
            assertEquals(12_500, samples.get(i).nodeTimeUs() - samples.get(i - 1).nodeTimeUs());
        }
    }

    @Test
    void releasedWinchFollowsStreamedSetPointsAndEchoesThem() {
        SimHost host = SimHost.standard(4).configured();
        WinchSim winch = host.rig.physics().winch(0);
        double c = SimHost.countsPerMm(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);
        double startMm = winch.positionMm();

        // 2 s upward at 40 mm/s
        host.stream(0, 2_000, ms -> (int) (start + 40 * c * ms / 1000.0), (int) (40 * c));

        assertEquals(startMm + 80, winch.positionMm(), 3, "true rope travel follows the set-points");
        WinchStatus s = host.status(0);
        assertEquals(WinchState.FOLLOWING, s.state());
        assertFalse(s.motorBrakeEngaged() || s.drumBrakeEngaged());
        assertEquals(start + 80 * c, s.setpointPositionCounts(), 3 * c, "echo of the set-point being followed");
    }

    @Test
    void setPointGapRampsToAStopAndBrakesAfter50Ms() {
        SimHost host = SimHost.standard(5).configured();
        double c = SimHost.countsPerMm(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);
        host.stream(0, 1_000, ms -> (int) (start + 30 * c * ms / 1000.0), (int) (30 * c));
        long lastSetPoint = host.now - 10 * MS + MS; // received by the node on its next tick

        long stoppedAt = -1;
        for (int i = 0; i < 100 && stoppedAt < 0; i++) {
            host.step(1);
            if (host.rig.node(0).winchState(0) != WinchState.FOLLOWING) {
                stoppedAt = host.now;
            }
        }

        long gapMs = (stoppedAt - lastSetPoint) / MS;
        assertTrue(gapMs >= 50 && gapMs <= 51, "stop began " + gapMs + " ms after the last set-point");
        host.step(300);
        WinchSim winch = host.rig.physics().winch(0);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));
        assertTrue(winch.brakeEngaged(BrakeId.MOTOR) && winch.brakeEngaged(BrakeId.DRUM), "both brakes on the drum");
        assertEquals(0, winch.velocityMmPerS(), 1e-9);
        assertTrue(host.faultReports().stream().anyMatch(f -> f.fault() == NodeFault.SETPOINT_GAP));
    }

    @Test
    void heartbeatWatchdogDropsTheBrakesAt200MsAndStaysShutDownUntilCleared() {
        SimHost host = SimHost.standard(6).configured();
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int hold = host.rig.node(0).winchPosition(0);
        host.stream(0, 100, ms -> hold, 0);
        host.hostAlive = false;
        long lastHeartbeat = host.lastHeartbeatSentNanos + MS; // received by the node on its next tick // the host process hangs: no heartbeats, no set-points
        long shutAt = -1;
        for (int i = 0; i < 300 && shutAt < 0; i++) {
            host.step(1);
            if (host.rig.node(0).state() == NodeState.SHUTDOWN) {
                shutAt = host.now;
            }
        }
        long afterMs = (shutAt - lastHeartbeat) / MS;
        assertTrue(afterMs >= 200 && afterMs <= 201, "shutdown " + afterMs + " ms after the last heartbeat");
        host.step(50);
        WinchSim winch = host.rig.physics().winch(0);
        assertTrue(winch.brakeEngaged(BrakeId.MOTOR) && winch.brakeEngaged(BrakeId.DRUM));
        assertEquals(WinchState.SHUTDOWN, host.rig.node(0).winchState(0));

        // The host comes back: heartbeats alone do not clear the shutdown.
        host.hostAlive = true;
        host.step(500);
        assertEquals(NodeState.SHUTDOWN, host.rig.node(0).state(), "sticky until CLEAR_SHUTDOWN");
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(10);
        assertTrue(host.lastAnswer().startsWith("nack BRAKE SHUTDOWN_ACTIVE"), host.lastAnswer());

        host.send(new ClearShutdown());
        host.step(10);
        assertEquals("ack CLEAR_SHUTDOWN", host.lastAnswer());
        assertEquals(NodeState.RUNNING, host.rig.node(0).state());
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0), "cleared into BRAKED, not moving");
    }

    @Test
    void overspeedTripsCat0EvenWhileTheHostAsksForTheSpeed() {
        SimHost host = SimHost.standard(7).configured();
        double c = SimHost.countsPerMm(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        WinchSim winch = host.rig.physics().winch(0);
        winch.runaway(-120); // the drive runs away downward at 120 mm/s

        // The host "agrees": it streams set-points that follow the true position.
        for (int i = 0; i < 300 && host.rig.node(0).winchState(0) == WinchState.FOLLOWING; i++) {
            if (i % 10 == 0) {
                host.session.sendSetPoint(0, host.rig.node(0).winchPosition(0), (int) (-120 * c));
            }
            host.step(1);
        }

        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        host.step(100);
        assertEquals(NodeFault.OVERSPEED, host.status(0).fault());
        assertTrue(winch.brakeEngaged(BrakeId.MOTOR) && winch.brakeEngaged(BrakeId.DRUM));
        assertEquals(0, winch.velocityMmPerS(), 1e-9, "drive power removed and brakes on: the runaway stops");
    }

    @Test
    void followingErrorTripsWhenTheHostAsksForMoreThanTheDriveCanDo() {
        SimHost host = SimHost.standard(8).boot();
        double c = SimHost.countsPerMm(0);
        host.send(new ConfigureNode(80, 100, 50, 200, 0x0F));
        // A (mis)configured ascent limit of 400 mm/s, above the drive's own 200 mm/s.
        host.send(new ConfigureWinch(0, (int) (400 * c), (int) (50 * c), (int) (2000 * c), 150, (int) (20 * c),
                (int) (-50 * c), (int) (1650 * c), (int) (400 * c)));
        host.send(new Reference(0, ReferenceMode.SET_POSITION, (int) (100 * c), 1));
        host.step(10);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);

        host.stream(0, 600, ms -> (int) (start + 400 * c * ms / 1000.0), (int) (400 * c));

        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        FaultReport report = host.faultReports().stream().filter(f -> f.fault() == NodeFault.FOLLOWING_ERROR)
                .findFirst().orElseThrow();
        assertTrue(Math.abs(report.measured()) > report.limit());
    }

    @Test
    void lowerLimitSwitchStopsDescentInCategory1AndAllowsReverseOnly() {
        SimHost host = SimHost.standard(9).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);

        // Ask for 200 mm down from 100 mm: the switch at 5 mm must stop it.
        host.stream(0, 5_000, ms -> (int) (start - 200 * c), 0);

        // 50 mm/s decelerating at 100 mm/s^2 runs 12.5 mm past the switch at 5 mm (hence SR-12's slow-down zone)
        assertTrue(winch.positionMm() <= 5 && winch.positionMm() > 5 - 12.5 - 1, "stopped past the switch by the"
                + " category 1 stopping distance: " + winch.positionMm());
        assertTrue(host.rig.physics().safetyChain().relayClosed(), "short of the ultimate limit");
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0), "a category 1 stop ends braked");
        assertTrue(host.status(0).lowerLimit());
        assertTrue(host.faultReports().stream().anyMatch(f -> f.fault() == NodeFault.LOWER_LIMIT));

        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        double atSwitchMm = winch.positionMm();
        int at = host.rig.node(0).winchPosition(0);
        host.stream(0, 500, ms -> (int) (at - 20 * c), 0);
        assertTrue(winch.positionMm() >= atSwitchMm - 0.5, "no motion toward the active switch: " + winch.positionMm());
        host.stream(0, 1_000, ms -> (int) (at + 20 * c), 0);
        assertTrue(winch.positionMm() > atSwitchMm + 15, "reverse (up) is allowed: " + winch.positionMm());
    }

    @Test
    void stopCategory1DeceleratesThenBrakesAndCategory0BrakesAtOnce() {
        SimHost host = SimHost.standard(10).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);
        host.stream(0, 1_000, ms -> (int) (start + 50 * c * ms / 1000.0), (int) (50 * c));

        host.send(new Stop(0b1, StopCategory.CAT_1));
        host.step(2);
        assertEquals(WinchState.STOPPING, host.rig.node(0).winchState(0));
        assertTrue(winch.velocityMmPerS() > 20, "still decelerating, not slammed");
        host.step(1_000);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));

        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int again = host.rig.node(0).winchPosition(0);
        host.stream(0, 500, ms -> (int) (again + 50 * c * ms / 1000.0), (int) (50 * c));
        host.send(new Stop(0b1, StopCategory.CAT_0));
        host.step(2);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));
        host.step((long) Math.ceil(winch.params().brakeEngageS() * 1000) + 1);
        assertTrue(winch.brakeEngaged(BrakeId.MOTOR) && winch.brakeEngaged(BrakeId.DRUM));
    }

    @Test
    void duplicateCommandIsAnsweredAgainButNotExecutedTwice() {
        SimHost host = SimHost.standard(11).configured();
        int hold = host.rig.node(0).winchPosition(0);
        host.link.toHostFaults().unplugged(true); // the node's answers are lost: the host retransmits
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.stream(0, 30, ms -> hold, 0);
        host.link.toHostFaults().unplugged(false);
        host.stream(0, 30, ms -> hold, 0);

        assertEquals("ack BRAKE", host.lastAnswer(), "a second execution would have been NACKed WRONG_STATE");
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
        assertTrue(host.session.retransmissions() >= 1);
    }

    @Test
    void aBurstOfStopsNeverMakesARetransmittedReleaseExecuteAgain() {
        SimHost host = SimHost.standard(14).configured();
        com.lianarig.protocol.FrameEncoder encoder = new com.lianarig.protocol.FrameEncoder();
        byte[] release = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 0x40,
                new Brake(0, BrakeAction.RELEASE));
        host.link.hostWrite(release, 0, release.length);
        host.step(2);
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
        for (int i = 0; i < 20; i++) { // more STOPs than the node's 16-entry history
            byte[] stop = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 0x41 + i,
                    new Stop(0b1, StopCategory.CAT_0));
            host.link.hostWrite(stop, 0, stop.length);
        }
        host.step(2);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));

        host.link.hostWrite(release, 0, release.length); // the host retransmits the RELEASE (its ACK was lost)
        host.step(5);

        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0), "answered again, not executed again");
    }

    /**
     * PROTOCOL.md 5.3: IDENTIFY_REQUEST clears the duplicate history, and the host numbers its commands from 0
     * again. A BRAKE RELEASE that reuses a SEQ from before the identify is a new command: it is executed (the
     * virtual node once kept the old entries readable and acknowledged it without releasing: found by R-7).
     */
    @Test
    void aCommandReusingASeqFromBeforeAnIdentifyIsExecuted() {
        SimHost host = SimHost.standard(15).configured();
        com.lianarig.protocol.FrameEncoder encoder = new com.lianarig.protocol.FrameEncoder();
        for (int seq = 0; seq < 5; seq++) { // a few BRAKE APPLYs of winch 0: history entries (seq, BRAKE)
            byte[] apply = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 0x60 + seq,
                    new Brake(0, BrakeAction.APPLY));
            host.link.hostWrite(apply, 0, apply.length);
        }
        host.step(2);
        byte[] identify = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 0x70,
                new com.lianarig.protocol.IdentifyRequest(com.lianarig.protocol.ProtocolDefinition.PROTOCOL_VERSION,
                        com.lianarig.protocol.ProtocolDefinition.HASH));
        host.link.hostWrite(identify, 0, identify.length);
        host.step(2);
        for (int seq = 0; seq < 12; seq++) { // the host numbers from 0 again: a dozen new commands
            byte[] apply = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, seq,
                    new Brake(2, BrakeAction.APPLY));
            host.link.hostWrite(apply, 0, apply.length);
            host.step(1);
        }
        byte[] release = encoder.encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 0x62,
                new Brake(1, BrakeAction.RELEASE));
        host.link.hostWrite(release, 0, release.length);
        host.step(2);
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(1), "a new command after the identify was"
                + " answered as a retransmission and not executed");
    }

    @Test
    void aWatchdogShutdownKeepsALatchedTripSoClearingIsRefusedWhileItsCauseRemains() {
        SimHost host = SimHost.standard(15).configured();
        host.rig.physics().safetyChain().open(com.lianarig.sim.physics.SafetyChainSim.Stop.WALL_ESTOP);
        host.step(20);
        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        host.hostAlive = false;
        host.step(300);
        assertEquals(NodeState.SHUTDOWN, host.rig.node(0).state());
        host.hostAlive = true;
        host.step(100);

        host.send(new ClearShutdown());
        host.step(10);

        assertEquals("nack CLEAR_SHUTDOWN FAULT_PRESENT " + NodeFault.POWER_REMOVED.code(), host.lastAnswer());
        assertEquals(NodeState.SHUTDOWN, host.rig.node(0).state(), "a refused CLEAR_SHUTDOWN clears nothing");
        assertEquals(NodeFault.POWER_REMOVED, host.status(0).fault(), "the latched trip shows through SHUTDOWN");

        host.rig.physics().safetyChain().close(com.lianarig.sim.physics.SafetyChainSim.Stop.WALL_ESTOP);
        host.send(new ClearShutdown());
        host.step(20);
        assertEquals("ack CLEAR_SHUTDOWN", host.lastAnswer());
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));
        assertEquals(NodeFault.NONE, host.status(0).fault(), "cleared faults read NONE");
    }

    @Test
    void aTripDuringABrakeTestEndsItAborted() {
        SimHost host = SimHost.standard(16).configured();
        host.send(new com.lianarig.protocol.BrakeTest(0, BrakeId.MOTOR, 500, 2_000, 200));
        host.step(100);
        assertEquals(WinchState.BRAKE_TESTING, host.rig.node(0).winchState(0));

        host.rig.physics().winch(0).driveFault(true);
        host.step(50);

        assertEquals(WinchState.TRIPPED, host.rig.node(0).winchState(0));
        assertEquals(1, host.brakeTests().size());
        assertEquals(com.lianarig.protocol.BrakeTestOutcome.ABORTED, host.brakeTests().get(0).outcome());
    }

    @Test
    void commandBeforeIdentifyIsRefusedNotIdentified() {
        SimHost host = SimHost.standard(12);
        host.rig.start(host.now);
        byte[] boot = new byte[512];
        host.rig.advanceTo(host.now + MS);
        host.link.read(boot); // the boot IDENTIFY
        // bypass the session: a raw command frame to an unidentified node
        byte[] frame = new com.lianarig.protocol.FrameEncoder().encode(com.lianarig.protocol.Direction.HOST_TO_NODE,
                1, 0x21, new ClearShutdown());
        host.link.hostWrite(frame, 0, frame.length);
        host.rig.advanceTo(host.now + 3 * MS);
        byte[] reply = new byte[512];
        int n = host.link.read(reply);
        com.lianarig.protocol.FrameView view = new com.lianarig.protocol.FrameView();
        assertTrue(new com.lianarig.protocol.FrameDecoder(com.lianarig.protocol.Direction.NODE_TO_HOST)
                .decode(java.nio.ByteBuffer.wrap(reply, 0, n), view));
        assertEquals(new com.lianarig.protocol.Nack(0x21, 0x16, com.lianarig.protocol.NackReason.NOT_IDENTIFIED, 0),
                assertDoesNotThrow(view::toMessage));
    }

    @Test
    void nodeResetIsSeenByTheHostAndLosesTheReference() {
        SimHost host = SimHost.standard(13).configured();
        double c = SimHost.countsPerMm(0);
        host.send(new Reference(0, ReferenceMode.SET_POSITION, (int) (100 * c), 1));
        host.step(20);
        assertTrue(host.status(0).referenced());

        host.rig.resetNode(0, com.lianarig.protocol.ResetCause.WATCHDOG);
        host.step(5);

        assertTrue(host.faults.stream().anyMatch(f -> f.kind() == LinkFault.Kind.NODE_RESET), host.faults.toString());
        assertEquals(HostLinkSession.State.READY, host.session.state(), "identified again");
        assertNotNull(host.identity);
        assertEquals(NodeState.IDENTIFIED, host.rig.node(0).state(), "unconfigured after the reset");
    }

    /** A configured node whose winch 0 has soft limits from {@code lowMm} to {@code highMm} around where it stands, released. */
    private static int releasedWithSoftLimits(SimHost host, double lowMm, double highMm) {
        double c = SimHost.countsPerMm(0);
        int p0 = host.rig.node(0).winchPosition(0);
        ConfigureWinch base = SimHost.winchConfig(0, com.lianarig.sim.physics.WinchParams.legStrap());
        host.send(new ConfigureWinch(0, base.maxAscentCountsPerS(), base.maxDescentCountsPerS(), base.maxAccelCountsPerS2(),
                base.overspeedPercent(), base.maxFollowingErrorCounts(), (int) (p0 + lowMm * c), (int) (p0 + highMm * c),
                base.unreferencedMaxCountsPerS()));
        host.step(10);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
        return p0;
    }

    /**
     * Annex B.20 (D4), I-2: a referenced winch below its soft lower limit, asked down, is not driven up to
     * the limit (the old clamp to softLow did): it holds, and one SOFT_LIMIT report names the set-point.
     */
    @Test
    void aDownwardSetPointBelowTheSoftLowerLimitNeverDrivesTheWinchUp() {
        SimHost host = SimHost.standard(20).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        int p0 = releasedWithSoftLimits(host, 30, 300); // it stands 30 mm below its soft lower limit
        double startMm = winch.positionMm();
        double highestMm = startMm;
        double lowestMm = startMm;
        for (int ms = 0; ms < 1_000; ms += 10) {
            int target = (int) (p0 - 10 * c * ms / 1000.0);
            host.session.sendSetPoint(0, target, (int) (-10 * c));
            for (int i = 0; i < 10; i++) {
                host.step(1);
                highestMm = Math.max(highestMm, winch.positionMm());
                lowestMm = Math.min(lowestMm, winch.positionMm());
            }
        }
        double up = highestMm - startMm;
        double down = startMm - lowestMm;
        assertTrue(up <= 1.0, "driven up " + up + " mm by a downward set-point");
        assertTrue(down <= 1.0, "moved down " + down + " mm below its soft lower limit");
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
        var reports = host.faultReports().stream().filter(f -> f.fault() == NodeFault.SOFT_LIMIT).toList();
        assertEquals(1, reports.size(), "one report per run of clamped set-points: " + reports);
        assertEquals((int) (p0 + 30 * c), reports.get(0).limit());
        assertTrue(reports.get(0).measured() <= p0, reports.get(0).toString());
    }

    /**
     * Annex B.20 (D4): a referenced winch below its soft lower limit, asked up (a jog back toward its range),
     * follows the set-point up as asked; the clamp only keeps it from being driven the other way.
     */
    @Test
    void anUpwardSetPointBelowTheSoftLowerLimitBringsTheWinchBackUp() {
        SimHost host = SimHost.standard(21).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        int p0 = releasedWithSoftLimits(host, 30, 300); // it stands 30 mm below its soft lower limit
        double startMm = winch.positionMm();
        double lowestMm = startMm;
        for (int ms = 0; ms < 1_500; ms += 10) {
            int target = (int) (p0 + 10 * c * ms / 1000.0);
            host.session.sendSetPoint(0, target, (int) (10 * c));
            for (int i = 0; i < 10; i++) {
                host.step(1);
                lowestMm = Math.min(lowestMm, winch.positionMm());
            }
        }
        double rose = winch.positionMm() - startMm;
        assertTrue(rose > 10, "rose only " + rose + " mm in 1.5 s of set-points asking 10 mm/s up");
        assertTrue(startMm - lowestMm <= 1.0, "moved down " + (startMm - lowestMm) + " mm when asked up");
        assertEquals(WinchState.FOLLOWING, host.rig.node(0).winchState(0));
    }

    /**
     * Approaching its soft lower limit at 45 mm/s, a winch slows so as to stop at it (not its stopping
     * distance beyond), and never comes back up (no reversal).
     */
    @Test
    void aWinchRunningDownIntoItsSoftLowerLimitStopsWithoutComingBackUp() {
        SimHost host = SimHost.standard(21).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        int p0 = releasedWithSoftLimits(host, -20, 300); // the limit 20 mm below
        double startMm = winch.positionMm();
        double lowestMm = Double.MAX_VALUE;
        double reboundMm = 0;
        for (int ms = 0; ms < 2_000; ms += 10) {
            host.session.sendSetPoint(0, (int) (p0 - 45 * c * ms / 1000.0), (int) (-45 * c));
            for (int i = 0; i < 10; i++) {
                host.step(1);
                lowestMm = Math.min(lowestMm, winch.positionMm());
                reboundMm = Math.max(reboundMm, winch.positionMm() - lowestMm);
            }
        }
        assertTrue(reboundMm <= 1.0, "came back up " + reboundMm + " mm after stopping at the limit");
        assertEquals((p0 - 20 * c) / c, lowestMm - startMm + p0 / c, 1, "stopped at the soft limit: "
                + host.rig.node(0).winchState(0) + " " + host.faultReports());
    }

    /**
     * Annex B.19 (D3), I-6: an unreferenced winch's position means nothing, so no soft limit is applied to
     * it: asked 10 mm down it goes 10 mm down (at the unreferenced speed), even with the soft limits
     * configured above it (the old clamp drove it up to them).
     */
    @Test
    void anUnreferencedWinchIsNotClampedIntoItsSoftLimits() {
        SimHost host = SimHost.standard(22).boot();
        host.send(new ConfigureNode(80, 100, 50, 200, 0x0F));
        host.step(10);
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        int p0 = releasedWithSoftLimits(host, 100, 300); // 100 mm below "its range", by an unreferenced count
        assertFalse(host.status(0).referenced());
        double startMm = winch.positionMm();
        host.stream(0, 2_000, ms -> (int) (p0 - Math.min(10, 8 * ms / 1000.0) * c), (int) (-8 * c));
        host.step(500);
        assertEquals(startMm - 10, winch.positionMm(), 1.5, "followed the set-points down");
        assertTrue(host.faultReports().stream().noneMatch(f -> f.fault() == NodeFault.SOFT_LIMIT),
                "no soft limit on an unreferenced winch: " + host.faultReports());
    }

    /** Annex B.26 (D10): BRAKE APPLY while a category 1 stop runs is acknowledged and the stop goes on as it was. */
    @Test
    void brakeApplyDuringACategory1StopLetsItFinishAsACategory1Stop() {
        SimHost host = SimHost.standard(23).configured();
        double c = SimHost.countsPerMm(0);
        WinchSim winch = host.rig.physics().winch(0);
        host.send(new Brake(0, BrakeAction.RELEASE));
        host.step(30);
        int start = host.rig.node(0).winchPosition(0);
        host.stream(0, 1_000, ms -> (int) (start + 50 * c * ms / 1000.0), (int) (50 * c));
        host.answers.clear();
        host.send(new Stop(0b1, StopCategory.CAT_1));
        host.step(2);
        host.send(new Brake(0, BrakeAction.APPLY));
        host.step(2);
        assertEquals(WinchState.STOPPING, host.rig.node(0).winchState(0));
        assertTrue(winch.velocityMmPerS() > 20, "still decelerating: not made a category 0 stop");
        host.step(1_000);
        assertEquals(java.util.List.of("ack STOP", "ack BRAKE"), host.answers);
        assertEquals(WinchState.BRAKED, host.rig.node(0).winchState(0));
        assertEquals(NodeFault.NONE, host.rig.node(0).winchFault(0));
    }

    /** Annex B.24 (D8): an IDENTIFY_REQUEST with protocolVersion 0 is out of range: ignored, never answered, counted. */
    @Test
    void anIdentifyRequestWithProtocolVersion0IsIgnoredAndCounted() {
        SimHost host = SimHost.standard(24).configured();
        byte[] frame = new byte[64];
        int n = new com.lianarig.protocol.FrameEncoder().encode(com.lianarig.protocol.Direction.HOST_TO_NODE, 1, 200,
                new com.lianarig.protocol.IdentifyRequest(1, ProtocolDefinition.HASH), frame, 0);
        frame[6] = 0; // protocolVersion 0, CRC made good again
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame, 2, n - 6);
        long v = crc.getValue();
        for (int i = 0; i < 4; i++) {
            frame[n - 4 + i] = (byte) (v >>> (8 * i));
        }
        int identifiesBefore = host.of(com.lianarig.protocol.Identify.class).size();
        host.link.hostWrite(frame, 0, n);
        host.step(100);
        assertEquals(identifiesBefore, host.of(com.lianarig.protocol.Identify.class).size(), "not answered");
        var status = host.of(com.lianarig.protocol.NodeStatus.class);
        assertEquals(1, status.get(status.size() - 1).rxOtherDrops(), "counted in rxOtherDrops");
        assertEquals(NodeState.RUNNING, host.rig.node(0).state(), "nothing changed");
    }
}
