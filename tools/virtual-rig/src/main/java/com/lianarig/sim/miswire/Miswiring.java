package com.lianarig.sim.miswire;

import com.lianarig.sim.hw.LoadCellAdc;
import com.lianarig.sim.hw.WinchHardware;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Deliberate wiring mistakes of the virtual rig, for the commissioning checks ({@code rig commission})
 * to find: what a technician gets wrong when connecting a real rig. Applied when the rig is built, as
 * the wires are; the default is {@link #NONE}.
 *
 * <ul>
 *   <li>{@code swapped-load-channels=A,B}: the load cells of channels A and B are plugged into each
 *       other's socket on every node that has both: the rope the rig file puts on A answers on B.</li>
 *   <li>{@code inverted-encoder=W}: winch W's encoder is wired into its node with A and B swapped
 *       ({@link InvertedEncoder}): the node counts down while the drum winds up.</li>
 * </ul>
 *
 * @param swappedChannels empty, or the two channels swapped
 * @param invertedEncoders the node winch indices whose encoder counts the other way
 */
public record Miswiring(List<Integer> swappedChannels, Set<Integer> invertedEncoders) {
    /** A correctly wired rig. */
    public static final Miswiring NONE = new Miswiring(List.of(), Set.of());

    /** The forms {@link #parse} takes, for messages and help. */
    public static final String FORMS = "none, swapped-load-channels=A,B (channels 0..15), inverted-encoder=W (winch 0..7)";

    public Miswiring {
        swappedChannels = List.copyOf(swappedChannels);
        invertedEncoders = Collections.unmodifiableSet(new TreeSet<>(invertedEncoders));
        if (!swappedChannels.isEmpty() && (swappedChannels.size() != 2
                || swappedChannels.get(0).equals(swappedChannels.get(1)))) {
            throw new IllegalArgumentException("swapped load channels must be two different channels, not "
                    + swappedChannels);
        }
        for (int c : swappedChannels) {
            if (c < 0 || c > 15) {
                throw new IllegalArgumentException("load channel " + c + " is outside 0..15");
            }
        }
        for (int w : invertedEncoders) {
            if (w < 0 || w > 7) {
                throw new IllegalArgumentException("winch " + w + " is outside 0..7");
            }
        }
    }

    /**
     * One mistake in words, e.g. {@code swapped-load-channels=0,1}.
     *
     * @throws IllegalArgumentException naming what is wrong and the forms accepted
     */
    public static Miswiring parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return NONE;
        }
        int eq = t.indexOf('=');
        String name = eq < 0 ? t : t.substring(0, eq);
        String value = eq < 0 ? "" : t.substring(eq + 1).strip();
        try {
            return switch (name) {
                case "swapped-load-channels" -> {
                    String[] parts = value.split(",", -1);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("needs two channels, e.g. swapped-load-channels=0,1");
                    }
                    yield new Miswiring(List.of(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())),
                            Set.of());
                }
                case "inverted-encoder" -> new Miswiring(List.of(), Set.of(Integer.parseInt(value)));
                default -> throw new IllegalArgumentException("unknown miswiring '" + name + "'");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("miswiring '" + text + "': '" + value + "' is not a whole number; expected "
                    + FORMS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("miswiring '" + text + "': " + e.getMessage() + "; expected " + FORMS);
        }
    }

    /**
     * These mistakes and {@code other}'s together.
     *
     * @throws IllegalArgumentException when both swap channels
     */
    public Miswiring and(Miswiring other) {
        if (!swappedChannels.isEmpty() && !other.swappedChannels.isEmpty()) {
            throw new IllegalArgumentException("only one pair of swapped load channels");
        }
        Set<Integer> inverted = new TreeSet<>(invertedEncoders);
        inverted.addAll(other.invertedEncoders);
        return new Miswiring(swappedChannels.isEmpty() ? other.swappedChannels : swappedChannels, inverted);
    }

    public boolean none() {
        return swappedChannels.isEmpty() && invertedEncoders.isEmpty();
    }

    /** A node's winch drives as wired: a miswired encoder behind {@link InvertedEncoder}. */
    public List<WinchHardware> winches(List<? extends WinchHardware> asBuilt) {
        List<WinchHardware> wired = new ArrayList<>();
        for (int i = 0; i < asBuilt.size(); i++) {
            wired.add(invertedEncoders.contains(i) ? new InvertedEncoder(asBuilt.get(i)) : asBuilt.get(i));
        }
        return wired;
    }

    /** A node's load channels as wired: the swapped pair exchanged when the node has both. */
    public List<LoadCellAdc> channels(List<? extends LoadCellAdc> asBuilt) {
        List<LoadCellAdc> wired = new ArrayList<>(asBuilt);
        if (!swappedChannels.isEmpty() && swappedChannels.get(0) < wired.size()
                && swappedChannels.get(1) < wired.size()) {
            Collections.swap(wired, swappedChannels.get(0), swappedChannels.get(1));
        }
        return wired;
    }

    /** E.g. "swapped-load-channels=0,1 inverted-encoder=2", or "none". */
    @Override
    public String toString() {
        if (none()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (!swappedChannels.isEmpty()) {
            parts.add("swapped-load-channels=" + swappedChannels.get(0) + "," + swappedChannels.get(1));
        }
        invertedEncoders.forEach(w -> parts.add("inverted-encoder=" + w));
        return String.join(" ", parts);
    }
}
