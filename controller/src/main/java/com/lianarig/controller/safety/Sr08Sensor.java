package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-8 (v3): a load sensor fault, judged on the node's data: the channel saturated or disconnected, a reading
 * below -5 kg, a raw value frozen while its winch moves or, on a fixed (winch-less) channel, while it is loaded
 * (no noise for {@link #FIXED_FROZEN_NANOS}), the node's own timestamps of consecutive samples more than 2.5
 * periods apart, or a channel silent while its node's other frames flow: category 1, latched. NOT_READY within
 * {@link #NOT_READY_GRACE_NANOS} of the channel's configuration is expected (PROTOCOL.md D2). A sample missing
 * because the host itself was late (nothing from the node either) is not the sensor's fault: a moving group is
 * stopped (category 1, no latch: a new command moves it again) and it is journalled as a host delay; while
 * holding, a warning.
 */
final class Sr08Sensor implements Protection {
    /** NOT_READY this long after the node's configuration is expected, not a fault, ns (PROTOCOL.md D2). */
    static final long NOT_READY_GRACE_NANOS = 200_000_000L;
    /** A fixed channel's loaded reading without any noise this long is frozen, ns. */
    static final long FIXED_FROZEN_NANOS = 2_000_000_000L;
    /** A fixed channel counts as loaded above this, kg. */
    static final double FIXED_LOADED_KG = 5;

    private final Tracks t;
    private final Reactions react;

    Sr08Sensor(Tracks tracks, Reactions react) {
        this.t = tracks;
        this.react = react;
    }

    @Override
    public SafetyRule rule() {
        return SafetyRule.SR_8;
    }

    /** A NOT_READY sample within the grace after its node's configuration: expected, judged no further. */
    boolean expectedNotReady(RopeTrack rope, ChannelStatus status, long nowNanos) {
        return status == ChannelStatus.NOT_READY && rope.node.readyAtNanos != Long.MIN_VALUE
                && nowNanos - rope.node.readyAtNanos <= NOT_READY_GRACE_NANOS;
    }

    /**
     * The node's own time between this sample and the last (us, unwrapped since the node's start): more than 2.5
     * sample periods is a gap in the node's data (its ADC or its stream), whatever the host did. Called before
     * the track takes the new time.
     */
    void onNodeTime(RopeTrack rope, long nodeTimeUs, long nowNanos) {
        long last = rope.nodeTimeUs;
        rope.nodeTimeUs = nodeTimeUs;
        if (last < 0 || nodeTimeUs < 0) {
            return;
        }
        long gapUs = nodeTimeUs - last; // unwrapped by the node session since the node's start
        if (gapUs * 1_000L > rope.maxSampleAgeNanos && react.trip(SafetyRule.SR_8, StopCategory.CAT_1)) {
            react.record(SafetyRule.SR_8, String.format(Locale.ROOT,
                    "load cell of rope %s: the node's samples %.1f ms apart (max %.1f)", rope.id(), gapUs / 1e3,
                    rope.maxSampleAgeNanos / 1e6), StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
        }
    }

    /** Saturated, disconnected, below -5 kg, or a frozen raw value while its winch moves or while loaded (fixed). */
    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        rope.hostDelayReported = false;
        int why = 0;
        if (rope.status != ChannelStatus.OK) {
            why = 1;
        } else if (!Double.isNaN(rope.loadN) && rope.loadN < -t.limits.negativeLoadKg() * RigModel.G_MPS2) {
            why = 2;
        } else if (rope.sameRawCount >= t.limits.frozenSampleCount() && rope.winch != null
                && Math.abs(rope.winch.velocityMmPerS) > SafetySupervisor.STANDSTILL_MM_PER_S) {
            why = 3;
        } else if (rope.winch == null && rope.loadN > FIXED_LOADED_KG * RigModel.G_MPS2
                && rope.sameRawCount >= FIXED_FROZEN_NANOS / 1e9 * rope.model.sampleRateHz()) {
            why = 4;
        }
        if (why != 0 && react.trip(SafetyRule.SR_8, StopCategory.CAT_1)) {
            String what = switch (why) {
                case 1 -> "channel " + rope.status.name().toLowerCase(Locale.ROOT);
                case 2 -> String.format(Locale.ROOT, "reads %.1f kg (below -%.1f kg)", rope.loadN / RigModel.G_MPS2,
                        t.limits.negativeLoadKg());
                case 3 -> "raw value " + rope.lastRaw + " frozen for " + (rope.sameRawCount + 1)
                        + " samples while its winch moves";
                default -> String.format(Locale.ROOT, "raw value %d frozen for %d samples while it carries %.1f kg (a"
                        + " loaded cell always shows some noise)", rope.lastRaw, rope.sameRawCount + 1,
                        rope.loadN / RigModel.G_MPS2);
            };
            react.record(SafetyRule.SR_8, "load cell of rope " + rope.id() + ": " + what, StopKind.CAT_1,
                    ResetRole.TRAINER, nowNanos);
        }
    }

    /**
     * A sample older than 2.5 sample periods: the node's fault when its winch status still flows (the channel
     * alone went silent), else the host's own delay (its loop or reader stalled: nothing came from the node).
     * "Still flows" is judged on the node's clock when both times are known: the node stamped a status more than
     * 2.5 sample periods after this channel's last sample. The times frames reach the host are not evidence: a
     * stream held up on its way (a busy kernel delivers a pty's or a USB adapter's bytes in bursts) can bring the
     * statuses stamped before the next sample while that sample is still on its way.
     */
    @Override
    public void onTick(long nowNanos) {
        for (RopeTrack r : t.ropes) {
            if (!r.haveSample || !r.node.ready) {
                continue;
            }
            long age = nowNanos - r.sampleNanos;
            if (age <= r.maxSampleAgeNanos) {
                continue;
            }
            long statusUs = r.node.lastStatusNodeTimeUs;
            boolean nodeAlive = statusUs >= 0 && r.nodeTimeUs >= 0
                    ? (statusUs - r.nodeTimeUs) * 1_000L > r.maxSampleAgeNanos
                    : r.node.lastStatusNanos != Long.MIN_VALUE && nowNanos - r.node.lastStatusNanos <= r.maxSampleAgeNanos;
            if (nodeAlive) {
                if (react.trip(SafetyRule.SR_8, StopCategory.CAT_1)) {
                    react.record(SafetyRule.SR_8, String.format(Locale.ROOT,
                            "load cell of rope %s: no sample for %.1f ms (max %.1f) while node %d still reports",
                            r.id(), age / 1e6, r.maxSampleAgeNanos / 1e6, r.node.address), StopKind.CAT_1,
                            ResetRole.TRAINER, nowNanos);
                }
                r.haveSample = false;
            } else if (!r.hostDelayReported) {
                r.hostDelayReported = true;
                hostDelay(r, age);
            }
        }
    }

    /** The host was late: every moving group stops (no latch); holding, a warning. Journalled with its length. */
    private void hostDelay(RopeTrack r, long ageNanos) {
        boolean stopped = false;
        for (GroupTrack g : t.groups) {
            if (g.moving() && g.kind != MotionKind.HOLD) {
                react.stopGroup(g, StopCategory.CAT_1);
                stopped = true;
                react.stopped(g, SafetyRule.SR_8, String.format(Locale.ROOT, "host delay: no sample of rope %s for"
                        + " %.1f ms (max %.1f), nothing from node %d either: motion stopped, ask again", r.id(),
                        ageNanos / 1e6, r.maxSampleAgeNanos / 1e6, r.node.address));
            }
        }
        if (!stopped) {
            react.warn(SafetyRule.SR_8, String.format(Locale.ROOT, "host delay: no sample of rope %s for %.1f ms (max"
                    + " %.1f), nothing from node %d either (holding: nothing stopped)", r.id(), ageNanos / 1e6,
                    r.maxSampleAgeNanos / 1e6, r.node.address));
        }
    }

    @Override
    public String causePresent(long nowNanos) {
        for (RopeTrack r : t.ropes) {
            if (!r.haveSample || nowNanos - r.sampleNanos > r.maxSampleAgeNanos) {
                return "no fresh sample from rope " + r.id();
            }
            if (!Double.isNaN(r.loadN) && r.loadN < -t.limits.negativeLoadKg() * RigModel.G_MPS2) {
                return "rope " + r.id() + " reads below -" + t.limits.negativeLoadKg() + " kg";
            }
        }
        return null;
    }
}
