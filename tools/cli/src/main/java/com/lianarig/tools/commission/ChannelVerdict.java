package com.lianarig.tools.commission;

import com.lianarig.config.rig.RopeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Judges which load channel answers to which rope, and names the fix in the rig file's words: a
 * swapped pair ("swap {@code channel:} for left-leg and right-leg"), or the channel to set. Pure.
 */
final class ChannelVerdict {

    private ChannelVerdict() {
    }

    /**
     * The verdict on one rope as soon as it is observed, knowing the rig file (not yet the other ropes'
     * observations).
     */
    static CheckResult judge(ChannelObservation o, List<RopeConfig> ropes) {
        if (o.seen().isEmpty()) {
            return CheckResult.failed("channel", o.rope(), "NO CHANGE", "no load channel changed while the rope was"
                    + " pulled", "rope " + o.rope() + ": no channel of the rig file answered: check that its load cell"
                            + " is plugged in (node " + o.node() + " channel " + o.channel() + ") and its cable, and"
                            + " that it is on a channel the rig file uses");
        }
        String change = change(o);
        if (o.onExpectedChannel()) {
            if (o.changeCounts() < 0) {
                return CheckResult.failed("channel", o.rope(), "READING FALLS", change, "rope " + o.rope()
                        + ": its reading falls under load: swap the load cell's signal wires (S+ and S-) at node "
                        + o.node() + " channel " + o.channel());
            }
            return CheckResult.ok("channel", o.rope(), change);
        }
        ChannelObservation.Seen s = o.seen().get();
        Optional<RopeConfig> owner = ropes.stream()
                .filter(r -> r.node().equals(s.node()) && r.channel() == s.channel()).findFirst();
        String says = "rope " + o.rope() + " is on " + s + ", the rig file says " + (s.node().equals(o.node())
                ? "channel " + o.channel() : "node " + o.node() + " channel " + o.channel());
        String fix = owner.map(r -> says + " (channel " + s.channel() + " is " + r.id() + "'s in the rig file)")
                .orElse(says + ": set " + (s.node().equals(o.node()) ? "" : "`node: " + s.node() + "` and ")
                        + "`channel: " + s.channel() + "` for " + o.rope());
        return CheckResult.failed("channel", o.rope(), "WRONG CHANNEL", change, fix);
    }

    /**
     * The fixes once every rope is observed: ropes that answer on each other's channels get one "swap"
     * fix; the others are told the channel to set.
     *
     * @param observed every rope observed, in the order checked
     * @param results their verdicts from {@link #judge}, same order
     */
    static List<CheckResult> withFixes(List<ChannelObservation> observed, List<CheckResult> results,
            List<RopeConfig> ropes) {
        List<CheckResult> out = new ArrayList<>(results);
        for (int i = 0; i < observed.size(); i++) {
            ChannelObservation a = observed.get(i);
            if (a.seen().isEmpty() || a.onExpectedChannel()) {
                continue;
            }
            ChannelObservation.Seen seen = a.seen().get();
            String says = "rope " + a.rope() + " is on " + seen + ", the rig file says " + (seen.node().equals(a.node())
                    ? "channel " + a.channel() : "node " + a.node() + " channel " + a.channel());
            Optional<ChannelObservation> partner = observed.stream().filter(b -> b != a && b.seen().isPresent()
                    && b.seen().get().equals(new ChannelObservation.Seen(a.node(), a.channel()))
                    && seen.equals(new ChannelObservation.Seen(b.node(), b.channel()))).findFirst();
            String fix;
            if (partner.isPresent()) {
                String first = a.rope();
                String second = partner.get().rope();
                if (observed.indexOf(partner.get()) < i) {
                    first = partner.get().rope();
                    second = a.rope();
                }
                fix = says + ": swap `" + (seen.node().equals(a.node()) ? "channel:" : "node:` and `channel:")
                        + "` for " + first + " and " + second;
            } else {
                Optional<RopeConfig> owner = ropes.stream()
                        .filter(r -> r.node().equals(seen.node()) && r.channel() == seen.channel()).findFirst();
                fix = says + ": set " + (seen.node().equals(a.node()) ? "" : "`node: " + seen.node() + "` and ")
                        + "`channel: " + seen.channel() + "` for " + a.rope()
                        + owner.map(r -> " (and give " + r.id() + " the channel it answers on)").orElse("");
            }
            out.set(i, results.get(i).withFix(fix));
        }
        return out;
    }

    /** E.g. "node main channel 1 rose by 301,245 counts (14.7 kg)". */
    static String change(ChannelObservation o) {
        String kg = Double.isNaN(o.changeKg()) ? "uncalibrated" : String.format(Locale.ROOT, "%+.1f kg", o.changeKg());
        String text = String.format(Locale.ROOT, "%s %s by %,.0f counts (%s)", o.seen().orElseThrow(),
                o.changeCounts() >= 0 ? "rose" : "fell", Math.abs(o.changeCounts()), kg);
        return o.alsoChanged().isEmpty() ? text : text + "; also changed: " + String.join(", ", o.alsoChanged());
    }
}
