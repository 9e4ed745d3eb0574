package com.lianarig.tools.calibrate;

import java.util.Locale;

/**
 * Takes one point from a {@link ChannelFeed} with a {@link PointTaker}: the I/O half of a point,
 * run on the command's thread.
 */
final class PointCollector {
    private final ChannelFeed feed;
    private final SamplingOptions sampling;

    PointCollector(ChannelFeed feed, SamplingOptions sampling) {
        this.feed = feed;
        this.sampling = sampling;
    }

    int sampleRateHz() {
        return feed.sampleRateHz();
    }

    /**
     * Averages a steady window of samples from now on.
     *
     * @throws RefusedException MOVING, SATURATED, DISCONNECTED, NOT_READY (the taker's reasons) or
     *     NO_SAMPLES when the channel falls silent
     */
    PointReading take(Progress progress) throws RefusedException, InterruptedException {
        return taken(new PointTaker(sampling.windowSamples(feed.sampleRateHz()),
                sampling.maxSamples(feed.sampleRateHz()), sampling.criteria(), feed.sampleRateHz()), progress);
    }

    /**
     * Takes the first full window, however it moves (a tare: {@code TareCheck} judges it), failing only
     * on a bad status or silence.
     */
    PointTaker takeAnyWindow(Progress progress) throws RefusedException, InterruptedException {
        int window = sampling.windowSamples(feed.sampleRateHz());
        PointTaker taker = new PointTaker(window, window, new StabilityCriteria(1e12, 1e12), feed.sampleRateHz());
        taken(taker, progress);
        return taker;
    }

    private PointReading taken(PointTaker taker, Progress progress) throws RefusedException, InterruptedException {
        feed.startCollecting();
        try {
            while (taker.state() != PointTaker.State.TAKEN && taker.state() != PointTaker.State.FAILED) {
                ChannelFeed.Sample s = feed.next(SamplingOptions.SILENCE_NANOS);
                if (s == null) {
                    progress.done();
                    throw new RefusedException("NO_SAMPLES", String.format(Locale.ROOT,
                            "no sample from channel %d for %.0f s: %s", feed.channel(),
                            SamplingOptions.SILENCE_NANOS / 1e9, feed.linkDescription()));
                }
                taker.offer(s.rawCounts(), s.status());
                progress.update(taker, feed.sampleRateHz());
            }
        } finally {
            feed.stopCollecting();
        }
        progress.done();
        if (taker.state() == PointTaker.State.FAILED) {
            throw new RefusedException(taker.failure().name(), taker.failureMessage());
        }
        return taker.reading();
    }
}
