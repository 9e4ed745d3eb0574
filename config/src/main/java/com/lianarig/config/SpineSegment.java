package com.lianarig.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The SPEC section 5 spine segment ids, top to bottom: the one enum the controller, profiles, presets
 * and panels use for "where the traction is aimed".
 */
public enum SpineSegment implements Identified {
    C7_T1("C7-T1"),
    T4("T4"),
    T8("T8"),
    T12_L1("T12-L1"),
    L3("L3"),
    L4_L5("L4-L5"),
    L5_S1("L5-S1");

    private final String id;

    SpineSegment(String id) {
        this.id = id;
    }

    /** The id as SPEC section 5 spells it, e.g. {@code "L4-L5"}. */
    @Override
    public String id() {
        return id;
    }

    /** The segment with this exact id, or empty. */
    public static Optional<SpineSegment> find(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /**
     * The segment with this exact id.
     *
     * @throws IllegalArgumentException naming the valid ids when there is none
     */
    public static SpineSegment fromId(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(
                "\"" + id + "\" is not a spine segment id; valid: " + ids()));
    }

    /** Every id, comma-separated, top to bottom. */
    public static String ids() {
        return Arrays.stream(values()).map(SpineSegment::id).collect(Collectors.joining(", "));
    }
}
