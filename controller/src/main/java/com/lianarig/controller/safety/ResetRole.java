package com.lianarig.controller.safety;

/** Who may reset a latched fault (SPEC section 1: trainers reset ordinary faults; technicians drive and brake faults). */
public enum ResetRole {
    TRAINER,
    TECHNICIAN;

    /** Whether someone of {@code role} may reset a fault that needs this role. */
    public boolean allows(ResetRole role) {
        return role == TECHNICIAN || this == TRAINER;
    }
}
