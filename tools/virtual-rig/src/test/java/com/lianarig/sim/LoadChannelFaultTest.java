package com.lianarig.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.LoadSamples;
import com.lianarig.sim.fault.Faults;
import com.lianarig.sim.physics.Exercise;
import com.lianarig.sim.physics.LoadCellSim;
import com.lianarig.sim.physics.VirtualClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Load-cell faults and loads on the ropes, as the host sees them in LOAD_SAMPLES (standard rig:
 * channels 0..3 are the left leg, right leg, left loop and right loop ropes).
 */
class LoadChannelFaultTest {
    private static final int LEFT_LEG = 0;
    private static final int RIGHT_LEG = 1;

    /** The samples of one channel received from sample {@code from} on. */
    private static List<LoadSamples.Sample> channel(SimHost host, int ch, int from) {
        List<LoadSamples> all = host.samples();
        return all.subList(from, all.size()).stream().map(s -> s.samples().get(ch - s.firstChannel())).toList();
    }

    private static double meanRaw(List<LoadSamples.Sample> samples) {
        return samples.stream().mapToDouble(LoadSamples.Sample::rawCounts).average().orElseThrow();
    }

    /** Mean load over the next {@code millis} ms from the raw counts, with the cell's true calibration, N. */
    private static double meanLoadN(SimHost host, int rope, long millis) {
        int from = host.samples().size();
        host.step(millis);
        LoadCellSim cell = host.rig.physics().cell(rope);
        return (meanRaw(channel(host, rope, from)) - cell.offsetCounts()) / cell.countsPerN();
    }

    @Test
    void aStuckChannelRepeatsItsRawCountsWhateverTheLoad() {
        SimHost host = SimHost.standard(21).configured();
        host.step(100);
        Faults.channelStuck(host.rig, LEFT_LEG);
        host.step(20);
        int from = host.samples().size();

        Faults.extraLoad(host.rig, LEFT_LEG, 300);
        Faults.extraLoad(host.rig, RIGHT_LEG, 300);
        host.step(500);

        List<LoadSamples.Sample> stuck = channel(host, LEFT_LEG, from);
        List<LoadSamples.Sample> healthy = channel(host, RIGHT_LEG, from);
        assertTrue(stuck.size() >= 39, "80 Hz for 0.5 s: " + stuck.size());
        assertEquals(1, stuck.stream().mapToInt(LoadSamples.Sample::rawCounts).distinct().count(),
                "one frozen raw value while 300 N were added");
        assertTrue(stuck.stream().allMatch(s -> s.status() == ChannelStatus.OK), "a stuck ADC still says OK");
        assertTrue(healthy.stream().mapToInt(LoadSamples.Sample::rawCounts).distinct().count() > 20,
                "the healthy channel moves with the load and its noise");

        Faults.channelOk(host.rig, LEFT_LEG);
        assertEquals(305, meanLoadN(host, LEFT_LEG, 250), 1, "converting again: strap + 300 N");
    }

    @Test
    void aMisScaledCellReadsItsFactorTimesTheLoadAboveItsZero() {
        SimHost host = SimHost.standard(26).configured();
        Faults.extraLoad(host.rig, LEFT_LEG, 400);
        Faults.extraLoad(host.rig, RIGHT_LEG, 400);
        host.step(100);
        Faults.channelScale(host.rig, LEFT_LEG, 0.6);
        Faults.channelScale(host.rig, RIGHT_LEG, 1.5);
        host.step(20);

        assertEquals(0.6 * 405, meanLoadN(host, LEFT_LEG, 500), 2, "strap + 400 N read at 0.6 x, N");
        assertEquals(1.5 * 405, meanLoadN(host, RIGHT_LEG, 500), 2, "strap + 400 N read at 1.5 x, N");
        Faults.channelOk(host.rig, LEFT_LEG);
        assertEquals(0.6, host.rig.physics().cell(LEFT_LEG).gainFactor(), "a wrong scale is no transient");
        Faults.channelScale(host.rig, LEFT_LEG, 1);
        assertEquals(405, meanLoadN(host, LEFT_LEG, 500), 2, "repaired");
    }

    @Test
    void aSaturatedChannelReadsFullScaleWithStatusSaturated() {
        SimHost host = SimHost.standard(22).configured();
        Faults.channelSaturated(host.rig, RIGHT_LEG);
        host.step(20);
        int from = host.samples().size();
        host.step(200);

        List<LoadSamples.Sample> s = channel(host, RIGHT_LEG, from);
        assertTrue(s.stream().allMatch(x -> x.status() == ChannelStatus.SATURATED && x.rawCounts() == (1 << 23) - 1),
                s.get(0).toString());
        assertTrue(channel(host, LEFT_LEG, from).stream().allMatch(x -> x.status() == ChannelStatus.OK), "others fine");
    }

    @Test
    void aDisconnectedChannelReportsStatusDisconnected() {
        SimHost host = SimHost.standard(23).configured();
        Faults.channelDisconnected(host.rig, 3);
        host.step(20);
        int from = host.samples().size();
        host.step(200);

        assertTrue(channel(host, 3, from).stream().allMatch(x -> x.status() == ChannelStatus.DISCONNECTED));
        Faults.channelOk(host.rig, 3);
        host.step(20);
        int after = host.samples().size();
        host.step(100);
        assertTrue(channel(host, 3, after).stream().allMatch(x -> x.status() == ChannelStatus.OK), "reconnected");
    }

    @Test
    void aDriftingChannelsRawCountsTrendAtTheInjectedRate() {
        SimHost host = SimHost.standard(24).configured();
        int before = host.samples().size();
        host.step(250);
        double start = meanRaw(channel(host, LEFT_LEG, before));
        double rateCountsPerS = 2_000;

        Faults.channelDrift(host.rig, LEFT_LEG, rateCountsPerS);
        host.step(2_000);
        int end = host.samples().size();
        host.step(250);

        double drifted = meanRaw(channel(host, LEFT_LEG, end)) - start;
        // No drift in the first window; the last covers 2.0..2.25 s of drift, 2.125 s on average.
        assertEquals(rateCountsPerS * 2.125, drifted, 0.02 * rateCountsPerS * 2.125, "raw counts drifted");
        assertEquals(5, (start - host.rig.physics().cell(LEFT_LEG).offsetCounts())
                / host.rig.physics().cell(LEFT_LEG).countsPerN(), 0.5, "the load itself did not change (strap, N)");
    }

    @Test
    void someoneGrabbingTheRopeRaisesItsRawCountsByCountsPerNTimesTheExtraLoad() {
        SimHost host = SimHost.standard(25).configured();
        LoadCellSim cell = host.rig.physics().cell(LEFT_LEG);
        int before = host.samples().size();
        host.step(500);
        double quiet = meanRaw(channel(host, LEFT_LEG, before));

        Faults.extraLoad(host.rig, LEFT_LEG, 250);
        host.step(20);
        int after = host.samples().size();
        host.step(500);
        double grabbed = meanRaw(channel(host, LEFT_LEG, after));

        double expected = cell.countsPerN() * 250;
        assertEquals(expected, grabbed - quiet, 0.005 * expected, "counts added by 250 N at "
                + cell.countsPerN() + " counts/N");
    }

    @Test
    void aFootSlippingOutUnloadsItsRopeAndThePartnerTakesTheLoad() {
        SimHost host = SimHost.standard(26).configured();
        host.rig.locked(() -> {
            host.rig.physics().client(VirtualClient.reference(70, 1750), Exercise.INVERTED_HANG);
            return null;
        });
        host.step(200);
        double left = meanLoadN(host, LEFT_LEG, 2_000);
        double right = meanLoadN(host, RIGHT_LEG, 2_000);
        double pair = left + right - 10;
        assertEquals(left, right, 0.1 * left, "both feet in: about even (sway makes up to 3 %)");

        Faults.footSlip(host.rig, LEFT_LEG, true);
        host.step(20);
        double slipped = meanLoadN(host, LEFT_LEG, 2_000);
        double partner = meanLoadN(host, RIGHT_LEG, 2_000);

        assertEquals(5, slipped, 1, "the slipped rope carries its empty strap, N");
        assertEquals(pair + 5, partner, 0.03 * pair, "the partner carries the pair load, N");
    }
}
