package com.lianarig.controller.core;

/**
 * SR-21 across a restart: an inversion the previous run of the service was counting when it ended (a power
 * cut, a kill, a controlled stop with the client still hanging), as it was last made durable. The
 * downtime is unknown (the Pi has no real-time clock, so no wall-clock difference is trusted): the time
 * inverted goes on from {@code invertedS}, never less.
 *
 * @param clientId the client who hung inverted (an opaque id)
 * @param massKg that client's body mass, kg: with no client attached after the restart, the leg ropes' load
 *     is judged against it
 * @param invertedS the continuous time inverted last recorded, s (at least 0)
 */
public record CutInversion(String clientId, double massKg, double invertedS) {
    public CutInversion {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("a cut inversion needs the client's id");
        }
        if (!(massKg > 0) || !Double.isFinite(massKg)) {
            throw new IllegalArgumentException("the client's mass must be a positive number of kg, not " + massKg);
        }
        if (!(invertedS >= 0) || !Double.isFinite(invertedS)) {
            throw new IllegalArgumentException("the time inverted must be a number of seconds >= 0, not " + invertedS);
        }
    }
}
