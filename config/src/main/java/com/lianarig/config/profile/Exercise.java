package com.lianarig.config.profile;

import com.lianarig.config.Identified;

/** What a preset does (SPEC section 5). */
public enum Exercise implements Identified {
    /** Head down in the leg straps, aimed at a spine segment. */
    INVERTED_HANG("inverted-hang"),
    /** Upright in the finger loops with the feet on the mat, at a target load share. */
    UPRIGHT_HANG("upright-hang");

    private final String id;

    Exercise(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }
}
