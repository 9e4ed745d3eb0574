package com.lianarig.controller.core;

/**
 * Where SR-21 makes the time inverted durable, so that a restart goes on counting ({@link CutInversion}):
 * the data directory's inversion file in service. Called on the control thread at an inversion's start,
 * every {@link InvertedAlarm#CHECKPOINT_NANOS} while it lasts and at its end: it must hand the state over
 * and return, never wait for a disk.
 */
public interface InversionSink {
    /** Records no durable state (tests that restart nothing). */
    InversionSink NONE = new InversionSink() {
        @Override
        public void inverted(String clientId, double massKg, double invertedS) {
        }

        @Override
        public void ended() {
        }
    };

    /**
     * The client hangs inverted, so far for {@code invertedS}.
     *
     * @param clientId the client
     * @param massKg the client's body mass, kg
     * @param invertedS the continuous time inverted so far, s
     */
    void inverted(String clientId, double massKg, double invertedS);

    /** No inversion goes on (it ended and was journalled). */
    void ended();
}
