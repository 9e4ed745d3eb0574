package com.lianarig.controller.motion;

/** A direction of travel along an axis; positions grow upward (the client rises). */
public enum Direction {
    /** Ascent: position and velocity grow (SR-4 speed limit). */
    UP(1),
    /** Descent: position falls, velocity is negative (SR-3 speed limit). */
    DOWN(-1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** +1 for {@link #UP}, -1 for {@link #DOWN}. */
    public int sign() {
        return sign;
    }
}
