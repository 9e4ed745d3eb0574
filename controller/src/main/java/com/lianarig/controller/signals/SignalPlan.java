package com.lianarig.controller.signals;

import com.lianarig.controller.core.AlarmLevel;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.safety.Fault;
import com.lianarig.hal.SignalPattern;

/**
 * What the rig's own status light and buzzer show for the controller's state: the one place that decides
 * (docs/controller.md, "The rig's own signals"). One lamp, told apart by rhythm ({@link SignalPattern}):
 *
 * <pre>
 *   state                         light          buzzer
 *   STARTING                      OFF            -
 *   HOLDING, ATTACHING, READY     ON             -
 *   MOVING, PROGRAM               SLOW_BLINK     -
 *   FAULT                         DOUBLE_FLASH   FAST_BLINK for 2 s when a fault latches
 *   ESTOP                         FLASH          FAST_BLINK for 2 s when the chain trips
 *   SR-21 alarm (any state)       FAST_BLINK     SLOW_BLINK (intermittent)
 *   SR-21 escalated               FAST_BLINK     ON (continuous: "client alone inverted")
 *   SR-21 acknowledged            the state's    - (a person attends)
 * </pre>
 *
 * The alarm outranks the state's pattern: a client inverted too long is the one thing that needs a
 * person now, and the state is on every panel. Owner: the thread that drives the signals.
 */
public final class SignalPlan {
    /** How long the buzzer beeps when a fault latches or the safety chain trips, ns. */
    public static final long FAULT_TONE_NANOS = 2_000_000_000L;

    /** The two outputs' patterns. */
    public record Signals(SignalPattern light, SignalPattern buzzer) {
    }

    private long newestFaultNanos = Long.MIN_VALUE;
    private Mode lastMode;
    private boolean toning;
    private long toneUntilNanos;

    /**
     * The patterns for {@code status}, read at {@code nowNanos}.
     *
     * @param nowNanos the driving thread's clock, ns (times the fault tone)
     */
    public Signals next(RigStatus status, long nowNanos) {
        boolean newTrouble = false;
        for (Fault f : status.faults()) {
            if (f.atNanos() > newestFaultNanos) {
                newestFaultNanos = f.atNanos();
                newTrouble = true;
            }
        }
        if (status.mode() == Mode.ESTOP && lastMode != Mode.ESTOP) {
            newTrouble = true;
        }
        lastMode = status.mode();
        if (newTrouble) {
            toning = true;
            toneUntilNanos = nowNanos + FAULT_TONE_NANOS;
        }
        toning &= nowNanos - toneUntilNanos < 0;
        SignalPattern light = light(status.mode());
        SignalPattern buzzer = toning ? SignalPattern.FAST_BLINK : SignalPattern.OFF;
        AlarmLevel alarm = status.alarm().map(RigStatus.Alarm::level).orElse(null);
        if (alarm == AlarmLevel.ALARM) {
            return new Signals(SignalPattern.FAST_BLINK, SignalPattern.SLOW_BLINK);
        }
        if (alarm == AlarmLevel.ESCALATED) {
            return new Signals(SignalPattern.FAST_BLINK, SignalPattern.ON);
        }
        return new Signals(light, buzzer);
    }

    /** The light's pattern for a state, without an alarm. */
    static SignalPattern light(Mode mode) {
        return switch (mode) {
            case STARTING -> SignalPattern.OFF;
            case HOLDING, ATTACHING, READY -> SignalPattern.ON;
            case MOVING, PROGRAM -> SignalPattern.SLOW_BLINK;
            case FAULT -> SignalPattern.DOUBLE_FLASH;
            case ESTOP -> SignalPattern.FLASH;
        };
    }
}
