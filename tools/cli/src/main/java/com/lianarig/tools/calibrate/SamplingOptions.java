package com.lianarig.tools.calibrate;

import com.lianarig.tools.OptionRules;
import picocli.CommandLine.Option;

/** How a point is taken: the averaging window, the wait for a steady reading, and what counts as steady. */
public final class SamplingOptions {
    /** Longest silence of the channel while a point is taken before it is refused, ns. */
    static final long SILENCE_NANOS = 2_000_000_000L;

    @Option(names = "--average", paramLabel = "SECONDS", defaultValue = "2",
            description = "Average each point over this long (at the channel's sample rate). 0.1..60, default ${DEFAULT-VALUE}.")
    double averageS;

    @Option(names = "--settle-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Wait at most this long, beyond the average, for a moving reading to settle. 0..600,"
                    + " default ${DEFAULT-VALUE}.")
    double settleTimeoutS;

    @Option(names = "--max-std-counts", paramLabel = "COUNTS", defaultValue = "160",
            description = "A point's samples may spread at most this much (standard deviation, raw counts)."
                    + " Default ${DEFAULT-VALUE}: 4 x a 24-bit ADC's 40 counts rms.")
    double maxStdCounts;

    @Option(names = "--max-half-diff-counts", paramLabel = "COUNTS", defaultValue = "80",
            description = "The means of a point's first and second halves may differ by at most this much (raw"
                    + " counts): a reading still creeping is refused. Default ${DEFAULT-VALUE}: 2 x the ADC noise.")
    double maxHalfDiffCounts;

    /** Usage errors of these values. */
    void check(OptionRules rules) {
        rules.range("--average", averageS, 0.1, 60, "s")
                .range("--settle-timeout", settleTimeoutS, 0, 600, "s")
                .positiveAtMost("--max-std-counts", maxStdCounts, 1e7, "counts")
                .positiveAtMost("--max-half-diff-counts", maxHalfDiffCounts, 1e7, "counts");
    }

    StabilityCriteria criteria() {
        return new StabilityCriteria(maxStdCounts, maxHalfDiffCounts);
    }

    /** Samples averaged per point at {@code sampleRateHz}, at least 4. */
    int windowSamples(int sampleRateHz) {
        return Math.max(4, (int) Math.round(averageS * sampleRateHz));
    }

    /** Samples to wait at most for one point, window included. */
    int maxSamples(int sampleRateHz) {
        return windowSamples(sampleRateHz) + (int) Math.round(settleTimeoutS * sampleRateHz);
    }
}
