package com.lianarig.tools.serial;

import com.lianarig.hal.serial.ByteSink;
import com.lianarig.hal.serial.SerialLink;
import com.lianarig.hal.serial.SerialLinkListener;
import com.lianarig.hal.serial.SerialLinkState;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A serial link that remembers why it could not open its port the first time (held by another
 * process, missing, not permitted), so the command says so and stops instead of retrying as the
 * service would. Delegates everything else. Used by the tools that open a node's port themselves
 * ({@code rig calibrate}, {@code rig commission}).
 */
public final class PortWatch implements SerialLink {
    private final SerialLink link;
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean opened;

    public PortWatch(SerialLink link) {
        this.link = link;
    }

    /** Why the first attempt to open failed, or null (not failed, or opened). */
    public String failureBeforeOpen() {
        return failure.get();
    }

    /** True when that failure is a port held by another process. */
    public boolean inUse() {
        String f = failure.get();
        return f != null && f.contains(" in use by pid ");
    }

    @Override
    public void start(ByteSink sink, SerialLinkListener listener) {
        link.start(sink, (state, reason) -> {
            if (state == SerialLinkState.OPEN) {
                opened = true;
            } else if (state == SerialLinkState.RECONNECTING && !opened) {
                int retry = reason.lastIndexOf("; next attempt in ");
                failure.compareAndSet(null, retry > 0 ? reason.substring(0, retry) : reason);
            }
            listener.onStateChanged(state, reason);
        });
    }

    @Override
    public boolean write(byte[] bytes, int offset, int length) {
        return link.write(bytes, offset, length);
    }

    @Override
    public SerialLinkState state() {
        return link.state();
    }

    @Override
    public String describe() {
        return link.describe();
    }

    @Override
    public void close() {
        link.close();
    }
}
