package com.lianarig.config.rig;

import com.lianarig.config.yaml.Problems;

/** The row of docs/rig-config.md's limits table for one limit (a test keeps the document in step). */
final class LimitsDoc {
    private LimitsDoc() {
    }

    /**
     * One Markdown table row: key, unit, default, accepted range, hard cap (and whether SPEC states
     * it), requirement, meaning.
     */
    static String row(LimitSpec s) {
        String cap = (s.cap() == LimitSpec.Cap.HIGH ? "max " : "min ") + Problems.number(s.hardCap())
                + (s.capFromSpec() ? " (SPEC)" : "");
        return "| `" + s.key() + "` | " + s.unit() + " | " + Problems.number(s.defaultValue()) + " | "
                + Problems.number(s.min()) + ".." + Problems.number(s.max()) + (s.integer() ? ", whole" : "") + " | "
                + cap + " | " + s.requirement() + " | " + s.meaning() + " |";
    }
}
