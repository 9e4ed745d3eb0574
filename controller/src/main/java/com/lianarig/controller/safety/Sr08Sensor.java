package com.lianarig.controller.safety;

import com.lianarig.controller.rig.RigModel;
import com.lianarig.protocol.ChannelStatus;
import com.lianarig.protocol.StopCategory;
import java.util.Locale;

/**
 * SR-8: a load sensor fault: the channel saturated or disconnected, a reading below -5 kg, a raw value
 * frozen while its winch moves, or no sample for 2.5 sample periods: category 1, latched.
 */
final class Sr08Sensor implements Protection {
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

    /** Saturated, disconnected, below -5 kg, or a frozen raw value while the rope's winch moves. */
    @Override
    public void onSample(RopeTrack rope, long nowNanos) {
        int why = 0;
        if (rope.status != ChannelStatus.OK) {
            why = 1;
        } else if (!Double.isNaN(rope.loadN) && rope.loadN < -t.limits.negativeLoadKg() * RigModel.G_MPS2) {
            why = 2;
        } else if (rope.sameRawCount >= t.limits.frozenSampleCount() && rope.winch != null
                && Math.abs(rope.winch.velocityMmPerS) > SafetySupervisor.STANDSTILL_MM_PER_S) {
            why = 3;
        }
        if (why != 0 && react.trip(SafetyRule.SR_8, StopCategory.CAT_1)) {
            String what = switch (why) {
                case 1 -> "channel " + rope.status.name().toLowerCase(Locale.ROOT);
                case 2 -> String.format(Locale.ROOT, "reads %.1f kg (below -%.1f kg)", rope.loadN / RigModel.G_MPS2,
                        t.limits.negativeLoadKg());
                default -> "raw value " + rope.lastRaw + " frozen for " + (rope.sameRawCount + 1)
                        + " samples while its winch moves";
            };
            react.record(SafetyRule.SR_8, "load cell of rope " + rope.id() + ": " + what, StopKind.CAT_1,
                    ResetRole.TRAINER, nowNanos);
        }
    }

    /** A sample older than 2.5 sample periods. */
    @Override
    public void onTick(long nowNanos) {
        for (RopeTrack r : t.ropes) {
            if (!r.haveSample || !r.node.ready) {
                continue;
            }
            long age = nowNanos - r.sampleNanos;
            if (age > r.maxSampleAgeNanos) {
                if (react.trip(SafetyRule.SR_8, StopCategory.CAT_1)) {
                    react.record(SafetyRule.SR_8, String.format(Locale.ROOT,
                            "load cell of rope %s: last sample %.1f ms old (max %.1f)", r.id(), age / 1e6,
                            r.maxSampleAgeNanos / 1e6), StopKind.CAT_1, ResetRole.TRAINER, nowNanos);
                }
                r.haveSample = false;
            }
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
