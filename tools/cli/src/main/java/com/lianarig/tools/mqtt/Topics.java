package com.lianarig.tools.mqtt;

/** Checks on the topic roots, panel ids and filters people type. */
public final class Topics {
    /** The root of {@code ./rig demo} (config/examples/rig.yaml). */
    public static final String DEMO_ROOT = "liana/v1/demo-studio/rig-1";
    /** Exit code when the broker cannot be reached or refuses the login. */
    public static final int EXIT_NO_BROKER = 3;
    /** Exit code when no rig answers (nothing retained on its status). */
    public static final int EXIT_NO_RIG = 4;

    private Topics() {
    }

    /** Null when {@code root} is a usable topic root, else what is wrong with it. */
    public static String rootProblem(String root) {
        if (root == null || root.isEmpty()) {
            return "--root must not be empty";
        }
        if (root.contains("#") || root.contains("+")) {
            return "--root " + root + " must not hold the wildcards # or + (it names one rig)";
        }
        if (root.startsWith("/") || root.endsWith("/") || root.contains("//")) {
            return "--root " + root + " must not start or end with / or hold an empty level";
        }
        return null;
    }

    /** Null when {@code id} is usable as one topic level (a panel id), else what is wrong with it. */
    public static String levelProblem(String option, String id) {
        if (id == null || id.isEmpty()) {
            return option + " must not be empty";
        }
        if (id.contains("/") || id.contains("#") || id.contains("+")) {
            return option + " " + id + " must not hold /, # or +";
        }
        return null;
    }
}
