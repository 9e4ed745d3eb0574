package com.lianarig.controller.core;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.ClientProfile;
import com.lianarig.config.profile.Exercise;
import com.lianarig.controller.aiming.SegmentMassTable;
import com.lianarig.controller.safety.Fault;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * The rig's state as the control thread published it at the end of its last step, for readers on any thread
 * (MQTT, the pendant, the panels, tools): the control thread writes, readers copy, and nobody waits for
 * anybody (P-3: nothing on the safety path waits on a lock a normal-priority thread holds).
 *
 * <p>One writer, the control thread, fills preallocated fields and arrays under a {@link StampedLock} write
 * stamp, which it always gets at once: readers never take the lock, they read optimistically and validate
 * ({@link StampedLock#tryOptimisticRead}, {@link StampedLock#validate}), copying again when a write overlapped
 * their copy. A reader preempted halfway holds nothing, and the writer allocates nothing in steady state (the
 * references it publishes, the mode's reason or the faults, are immutable and made when they change).
 */
final class StatusBoard {
    /** Spins before a reader yields while the writer is inside its write (a few microseconds, unless preempted). */
    private static final int SPINS_BEFORE_YIELD = 100;

    private final StampedLock lock = new StampedLock();
    private final boolean simulated;
    private final String gpio;

    // ---- written under the write stamp by the control thread only
    private Mode mode = Mode.STARTING;
    private String modeReason = "";
    private List<Fault> faults = List.of();
    private String owner;
    private ClientProfile client;
    private final double[] positionsMm;
    private final double[] velocitiesMmPerS;
    private final double[] loadsKg;
    private final boolean[] groupBraked;
    private SpineSegment aimed;
    private double aimedHeightMm = Double.NaN;
    private double aimedShare = Double.NaN;
    private Exercise exercise = Exercise.INVERTED_HANG;
    private double liveShare = Double.NaN;
    private double invertedS;
    private boolean invertedAlarm;
    private AlarmLevel alarmLevel;
    private String alarmClientId;
    private double alarmSinceS = Double.NaN;
    private double alarmEscalatesInS = Double.NaN;
    private String alarmAcknowledgedBy;
    private boolean programRunning;
    private String programPhase = "done";
    private int programRepetition;
    private int programRepetitions;
    private double programHoldS;
    private double programHoldElapsedS;
    private boolean enableLive;
    private long newestSampleNanos = Long.MIN_VALUE;
    private long steps;

    StatusBoard(int winches, int ropes, int groups, boolean simulated, String gpio) {
        this.positionsMm = new double[winches];
        this.velocitiesMmPerS = new double[winches];
        this.loadsKg = new double[ropes];
        this.groupBraked = new boolean[groups];
        this.simulated = simulated;
        this.gpio = gpio;
    }

    /** What the control thread publishes, gathered before the write (so the write itself is a few stores). */
    static final class Draft {
        Mode mode;
        String modeReason;
        List<Fault> faults = List.of();
        String owner;
        ClientProfile client;
        final double[] positionsMm;
        final double[] velocitiesMmPerS;
        final double[] loadsKg;
        final boolean[] groupBraked;
        SpineSegment aimed;
        double aimedHeightMm;
        /** Upright: the aimed share of body weight on the finger loops; NaN when none. */
        double aimedShare;
        /** The attached client's exercise (the inverted hang when none). */
        Exercise exercise = Exercise.INVERTED_HANG;
        /** The exercise's measured share of body weight: the leg ropes' (inverted), the loops' (upright). */
        double liveShare;
        double invertedS;
        boolean invertedAlarm;
        /** SR-21's alarm level; null when there is no alarm (the other alarm fields are then unused). */
        AlarmLevel alarmLevel;
        String alarmClientId;
        double alarmSinceS;
        double alarmEscalatesInS;
        String alarmAcknowledgedBy;
        boolean programRunning;
        String programPhase;
        int programRepetition;
        int programRepetitions;
        double programHoldS;
        double programHoldElapsedS;
        boolean enableLive;
        long newestSampleNanos;

        Draft(int winches, int ropes, int groups) {
            positionsMm = new double[winches];
            velocitiesMmPerS = new double[winches];
            loadsKg = new double[ropes];
            groupBraked = new boolean[groups];
        }
    }

    Draft draft() {
        return new Draft(positionsMm.length, loadsKg.length, groupBraked.length);
    }

    /** Publishes {@code d} (the control thread only; allocation-free, never waits: readers hold no lock). */
    void publish(Draft d) {
        long stamp = lock.writeLock();
        try {
            mode = d.mode;
            modeReason = d.modeReason;
            faults = d.faults;
            owner = d.owner;
            client = d.client;
            System.arraycopy(d.positionsMm, 0, positionsMm, 0, positionsMm.length);
            System.arraycopy(d.velocitiesMmPerS, 0, velocitiesMmPerS, 0, velocitiesMmPerS.length);
            System.arraycopy(d.loadsKg, 0, loadsKg, 0, loadsKg.length);
            System.arraycopy(d.groupBraked, 0, groupBraked, 0, groupBraked.length);
            aimed = d.aimed;
            aimedHeightMm = d.aimedHeightMm;
            aimedShare = d.aimedShare;
            exercise = d.exercise;
            liveShare = d.liveShare;
            invertedS = d.invertedS;
            invertedAlarm = d.invertedAlarm;
            alarmLevel = d.alarmLevel;
            alarmClientId = d.alarmClientId;
            alarmSinceS = d.alarmSinceS;
            alarmEscalatesInS = d.alarmEscalatesInS;
            alarmAcknowledgedBy = d.alarmAcknowledgedBy;
            programRunning = d.programRunning;
            programPhase = d.programPhase;
            programRepetition = d.programRepetition;
            programRepetitions = d.programRepetitions;
            programHoldS = d.programHoldS;
            programHoldElapsedS = d.programHoldElapsedS;
            enableLive = d.enableLive;
            newestSampleNanos = d.newestSampleNanos;
            steps++;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * The last published state as a {@link RigStatus} (any thread; never waits for the writer's lock).
     *
     * @param preUseCheck SR-18's words, read by the caller (the pre-use record is a file: never the control thread's work)
     */
    RigStatus read(Supplier<String> preUseCheck) {
        double[] pos = new double[positionsMm.length];
        double[] kg = new double[loadsKg.length];
        int spins = 0;
        while (true) {
            long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                spins = pause(spins); // a write is in progress
                continue;
            }
            Mode m = mode;
            String reason = modeReason;
            List<Fault> f = faults;
            String o = owner;
            ClientProfile c = client;
            System.arraycopy(positionsMm, 0, pos, 0, pos.length);
            System.arraycopy(loadsKg, 0, kg, 0, kg.length);
            SpineSegment a = aimed;
            double aimedMm = aimedHeightMm;
            double aimedLoadShare = aimedShare;
            Exercise ex = exercise;
            double share = liveShare;
            double inv = invertedS;
            boolean alarm = invertedAlarm;
            AlarmLevel level = alarmLevel;
            String alarmClient = alarmClientId;
            double alarmSince = alarmSinceS;
            double escalatesIn = alarmEscalatesInS;
            String acknowledgedBy = alarmAcknowledgedBy;
            boolean prog = programRunning;
            String phase = programPhase;
            int rep = programRepetition;
            int reps = programRepetitions;
            double hold = programHoldS;
            double held = programHoldElapsedS;
            boolean enable = enableLive;
            if (!lock.validate(stamp)) {
                spins = pause(spins);
                continue;
            }
            Optional<SpineSegment> live = Optional.empty();
            if (c != null && ex == Exercise.INVERTED_HANG && Double.isFinite(share) && share > InvertedAlarm.INVERTED_SHARE) {
                live = Optional.of(SegmentMassTable.segmentAtShare(share).nearest());
            }
            Optional<RigStatus.Alarm> sr21 = level == null ? Optional.empty()
                    : Optional.of(new RigStatus.Alarm(level, alarmClient, alarmSince, escalatesIn,
                            Optional.ofNullable(acknowledgedBy)));
            return new RigStatus(m, reason, f, Optional.ofNullable(o), Optional.ofNullable(c).map(ClientProfile::id),
                    c == null ? Double.NaN : c.massKg(), c == null ? Optional.empty() : Optional.of(ex), pos, kg,
                    Optional.ofNullable(a), aimedMm, aimedLoadShare, live, share, inv,
                    alarm, sr21, prog ? Optional.of(new RigStatus.ProgramStatus(phase, rep, reps, hold, held))
                            : Optional.empty(), enable, preUseCheck.get(), simulated, gpio);
        }
    }

    /** The state's mode as last published (any thread, lock-free). */
    Mode mode() {
        while (true) {
            long stamp = lock.tryOptimisticRead();
            Mode m = mode;
            if (stamp != 0 && lock.validate(stamp)) {
                return m;
            }
            Thread.onSpinWait();
        }
    }

    /** Each winch's measured speed as last published, mm/s, into {@code out} (any thread, lock-free). */
    void velocitiesMmPerS(double[] out) {
        int spins = 0;
        while (true) {
            long stamp = lock.tryOptimisticRead();
            if (stamp != 0) {
                System.arraycopy(velocitiesMmPerS, 0, out, 0, Math.min(out.length, velocitiesMmPerS.length));
                if (lock.validate(stamp)) {
                    return;
                }
            }
            spins = pause(spins);
        }
    }

    /** When the newest load sample was decoded, as last published (host ns; MIN_VALUE before any). */
    long newestSampleNanos() {
        while (true) {
            long stamp = lock.tryOptimisticRead();
            long n = newestSampleNanos;
            if (stamp != 0 && lock.validate(stamp)) {
                return n;
            }
            Thread.onSpinWait();
        }
    }

    /** Whether every group's brakes were applied at the last publish and nothing was moving. */
    boolean allBraked() {
        int spins = 0;
        while (true) {
            long stamp = lock.tryOptimisticRead();
            if (stamp != 0) {
                boolean all = mode != Mode.MOVING && mode != Mode.PROGRAM;
                for (boolean b : groupBraked) {
                    all &= b;
                }
                if (lock.validate(stamp)) {
                    return all;
                }
            }
            spins = pause(spins);
        }
    }

    /** How many times the control thread published (tests: a step happened). */
    long publications() {
        while (true) {
            long stamp = lock.tryOptimisticRead();
            long n = steps;
            if (stamp != 0 && lock.validate(stamp)) {
                return n;
            }
            Thread.onSpinWait();
        }
    }

    private static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield(); // the writer was preempted inside its write: let it finish
        }
        return spins + 1;
    }
}
