package com.lianarig.controller.signals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.core.AlarmLevel;
import com.lianarig.controller.core.Mode;
import com.lianarig.controller.core.RigStatus;
import com.lianarig.controller.safety.Fault;
import com.lianarig.controller.safety.ResetRole;
import com.lianarig.controller.safety.SafetyRule;
import com.lianarig.controller.safety.StopKind;
import com.lianarig.hal.SignalPattern;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the rig's own light and buzzer show for each state (the table in {@link SignalPlan} and
 * docs/controller.md): every state has its own light pattern, a fault or a trip beeps for 2 s (on the
 * plan's clock), and SR-21's alarm outranks all of it until someone acknowledges it.
 */
class SignalPlanTest {
    private static final long S = 1_000_000_000L;

    static RigStatus status(Mode mode, List<Fault> faults, AlarmLevel alarm) {
        Optional<RigStatus.Alarm> a = alarm == null ? Optional.empty()
                : Optional.of(new RigStatus.Alarm(alarm, "c-1", 1, Double.NaN, Optional.empty()));
        return new RigStatus(mode, "", faults, Optional.empty(), Optional.of("c-1"), 70,
                Optional.of(Exercise.INVERTED_HANG), new double[3], new double[4], Optional.empty(), Double.NaN, Double.NaN,
                Optional.empty(), 0.9, 200, alarm != null, a, Optional.empty(), false,
                "done today", true, "virtual");
    }

    @Test
    void eachStateHasItsOwnLightAndTheStatesThatCallForNobodyAreSilent() {
        Set<SignalPattern> distinct = EnumSet.noneOf(SignalPattern.class);
        for (Mode m : List.of(Mode.STARTING, Mode.HOLDING, Mode.MOVING, Mode.FAULT, Mode.ESTOP)) {
            distinct.add(SignalPlan.light(m));
        }
        assertEquals(5, distinct.size(), "STARTING, HOLDING, MOVING, FAULT and ESTOP look different: " + distinct);
        SignalPlan plan = new SignalPlan();
        for (Mode m : List.of(Mode.STARTING, Mode.HOLDING, Mode.ATTACHING, Mode.READY, Mode.MOVING, Mode.PROGRAM)) {
            assertEquals(new SignalPlan.Signals(SignalPlan.light(m), SignalPattern.OFF),
                    plan.next(status(m, List.of(), null), 0), m.name());
        }
    }

    @Test
    void aLatchedFaultOrATripBeepsForTwoSecondsOnceThenTheLightAloneTellsIt() {
        SignalPlan plan = new SignalPlan();
        Fault f = new Fault(SafetyRule.SR_1, "rope left-leg 152 kg", StopKind.CAT_1, ResetRole.TRAINER, 10 * S);
        RigStatus fault = status(Mode.FAULT, List.of(f), null);
        assertEquals(new SignalPlan.Signals(SignalPattern.DOUBLE_FLASH, SignalPattern.FAST_BLINK), plan.next(fault, 11 * S));
        assertEquals(SignalPattern.FAST_BLINK, plan.next(fault, 13 * S - 1).buzzer());
        assertEquals(SignalPattern.OFF, plan.next(fault, 13 * S).buzzer(), "2 s, then quiet");
        assertEquals(SignalPattern.OFF, plan.next(fault, 60 * S).buzzer(), "the same fault beeps once");
        Fault again = new Fault(SafetyRule.SR_2, "total 180 kg", StopKind.CAT_1, ResetRole.TRAINER, 61 * S);
        assertEquals(SignalPattern.FAST_BLINK, plan.next(status(Mode.FAULT, List.of(f, again), null), 62 * S).buzzer(),
                "a new fault beeps again");

        RigStatus estop = status(Mode.ESTOP, List.of(), null);
        assertEquals(new SignalPlan.Signals(SignalPattern.FLASH, SignalPattern.FAST_BLINK), plan.next(estop, 70 * S));
        assertEquals(SignalPattern.OFF, plan.next(estop, 72 * S).buzzer());
    }

    @Test
    void theAlarmOutranksEveryStateUntilAPersonAcknowledgesIt() {
        for (Mode m : Mode.values()) {
            SignalPlan plan = new SignalPlan();
            assertEquals(new SignalPlan.Signals(SignalPattern.FAST_BLINK, SignalPattern.SLOW_BLINK),
                    plan.next(status(m, List.of(), AlarmLevel.ALARM), 0), m.name());
            assertEquals(new SignalPlan.Signals(SignalPattern.FAST_BLINK, SignalPattern.ON),
                    plan.next(status(m, List.of(), AlarmLevel.ESCALATED), S), m.name());
            assertEquals(new SignalPlan.Signals(SignalPlan.light(m), m == Mode.ESTOP ? SignalPattern.FAST_BLINK
                    : SignalPattern.OFF), plan.next(status(m, List.of(), AlarmLevel.ACKNOWLEDGED), S + 1), m.name());
        }
    }
}
