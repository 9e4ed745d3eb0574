package com.lianarig.tools.web;

/**
 * Runs a browser scenario on the rig, from a rig at rest with nothing latched, and once more (up to
 * {@value #ATTEMPTS} times) when it failed while the rig reported a host-delay fault: on this 2-core
 * machine shared with other builds, the rig's threads can be starved for longer than SR-8/SR-9 allow
 * (their trips are the rig doing its job, and say nothing about the panel). A failure without such a
 * fault fails at once. A retried attempt starts as the first did: no client on the rig, none attached
 * ({@link WebRig#noClient}).
 */
final class Scenarios {
    static final int ATTEMPTS = 3;

    interface Body {
        void run() throws Exception;
    }

    private Scenarios() {
    }

    static void run(WebRig rig, RigWatch watch, String name, Body body) throws Exception {
        Throwable last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            rig.clearFaults();
            if (attempt > 1) {
                rig.noClient();
            }
            watch.newAttempt();
            try {
                body.run();
                if (watch.hostDelay() == null) {
                    return;
                }
                return; // passed despite a host delay: the panel did its part
            } catch (AssertionError | RuntimeException e) {
                String delay = watch.hostDelay();
                if (delay == null) {
                    throw e;
                }
                System.out.println(name + ": attempt " + attempt + " spoiled by a host delay on this busy machine ("
                        + delay + "); running it again. The failure was: " + e);
                last = e;
            }
        }
        throw new AssertionError(name + ": every attempt was spoiled by host delays on this busy machine", last);
    }
}
