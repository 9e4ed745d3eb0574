package com.lianarig.hal.node;

import com.lianarig.hal.LoadCellChannel;
import com.lianarig.hal.LoadSample;
import com.lianarig.hal.LoadSampleListener;
import com.lianarig.protocol.ChannelStatus;
import java.util.Optional;

/**
 * A {@link LoadCellChannel} fed by a {@link NodeSession}: every LOAD_SAMPLES frame the session
 * decodes updates the channel and calls its listeners on the session's owner thread, without
 * allocating (SR-8: the safety supervisor sees each sample as it arrives).
 *
 * <p>The latest sample is copied under a private lock for readers on other threads.
 */
public final class NodeLoadCellChannel implements LoadCellChannel {
    private final NodeSession session;
    private final int channel;
    private final Listeners<LoadSampleListener> listeners = new Listeners<>(LoadSampleListener.class);
    private final Object lock = new Object();

    // guarded by lock
    private boolean hasSample;
    private int rawCounts;
    private ChannelStatus status;
    private long nodeTimeUs;
    private long receivedAtNanos;

    NodeLoadCellChannel(NodeSession session, int channel) {
        this.session = session;
        this.channel = channel;
    }

    @Override
    public int channel() {
        return channel;
    }

    @Override
    public Optional<String> nodeSerial() {
        return session.nodeInfo().map(NodeInfo::serial);
    }

    @Override
    public Optional<LoadSample> latest() {
        synchronized (lock) {
            return hasSample ? Optional.of(new LoadSample(rawCounts, status, nodeTimeUs, receivedAtNanos))
                    : Optional.empty();
        }
    }

    @Override
    public void addListener(LoadSampleListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(LoadSampleListener listener) {
        listeners.remove(listener);
    }

    /** Owner thread: one decoded sample. Allocation-free. */
    void onSample(int raw, ChannelStatus st, long timeUs, long nowNanos) {
        synchronized (lock) {
            hasSample = true;
            rawCounts = raw;
            status = st;
            nodeTimeUs = timeUs;
            receivedAtNanos = nowNanos;
        }
        LoadSampleListener[] all = listeners.snapshot();
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].onSample(channel, raw, st, timeUs, nowNanos);
            } catch (RuntimeException e) {
                session.listenerFailed("load sample listener of channel " + channel, e);
            }
        }
    }

    /** Owner thread: the node (re)identified, earlier samples belong to its previous life. */
    void clear() {
        synchronized (lock) {
            hasSample = false;
        }
    }

    @Override
    public String toString() {
        return "load channel " + channel + " of " + session.describe();
    }
}
