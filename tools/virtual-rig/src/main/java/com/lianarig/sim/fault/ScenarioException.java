package com.lianarig.sim.fault;

import java.util.List;

/**
 * A scenario that cannot be used, with every problem found: each names the file and line, quotes
 * the step and says what was expected, e.g.
 * {@code scenario.txt:4: 'brake-slip 0 motr 0.2': brake must be motor, drum or both}.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a scenario exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
