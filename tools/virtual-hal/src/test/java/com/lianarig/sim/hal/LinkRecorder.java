package com.lianarig.sim.hal;

import com.lianarig.hal.serial.ByteSink;
import com.lianarig.hal.serial.SerialLinkListener;
import com.lianarig.hal.serial.SerialLinkState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records a serial link's state changes and the bytes it delivers; readable from any thread. */
final class LinkRecorder implements SerialLinkListener, ByteSink {
    record Change(SerialLinkState state, String reason, Thread thread) {
    }

    private final List<Change> changes = new ArrayList<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void onStateChanged(SerialLinkState state, String reason) {
        changes.add(new Change(state, reason, Thread.currentThread()));
    }

    @Override
    public synchronized void onBytes(byte[] buffer, int offset, int length) {
        bytes.write(buffer, offset, length);
    }

    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    synchronized List<SerialLinkState> states() {
        return changes.stream().map(Change::state).toList();
    }

    synchronized long count(SerialLinkState state) {
        return changes.stream().filter(c -> c.state() == state).count();
    }

    synchronized Change last() {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1);
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
