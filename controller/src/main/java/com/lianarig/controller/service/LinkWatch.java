package com.lianarig.controller.service;

import com.lianarig.controller.core.EventLog;
import com.lianarig.controller.core.Json;
import com.lianarig.controller.rig.LinkDiagnostics;
import com.lianarig.hal.node.NodeCounters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Journals the node links' trouble when it happens: every {@value #PERIOD_S} s, one {@code link} record
 * per node whose trouble counters grew in that period (garbage bytes, bad lengths, bad CRCs, unknown
 * messages, wrong direction, lost and duplicate frames, retransmissions, invalid payloads, receive
 * overflow, reconnects, and the node's own receive errors), each with how much it grew: noise is
 * coalesced, never one record per bad byte, and a clean link writes nothing. Runs on its own
 * low-priority daemon thread; it only reads counters the node sessions publish.
 */
final class LinkWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LinkWatch.class);
    /** The period over which trouble is coalesced into one record per node, s. */
    static final long PERIOD_S = 10;

    private final Supplier<List<LinkDiagnostics>> links;
    private final EventLog journal;
    private final Map<String, NodeCounters> journalled = new HashMap<>();
    private ScheduledExecutorService timer;

    LinkWatch(Supplier<List<LinkDiagnostics>> links, EventLog journal) {
        this.links = links;
        this.journal = journal;
    }

    /** Checks every {@link #PERIOD_S} s from now on. */
    synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "link-watch");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                log.error("link watch failed: {}", e.toString(), e); // never end the schedule
            }
        }, PERIOD_S, PERIOD_S, TimeUnit.SECONDS);
    }

    /** One period: a record for each node whose trouble counters grew since its last record. */
    synchronized void check() {
        for (LinkDiagnostics d : links.get()) {
            NodeCounters before = journalled.getOrDefault(d.nodeId(), NodeCounters.NONE);
            NodeCounters now = d.counters();
            if (!now.troubleSince(before)) {
                continue;
            }
            journal.record("link", Json.of("node", d.nodeId(), "address", d.address(), "state", d.link().name(),
                    "periodS", PERIOD_S, "frames", now.frames() - before.frames(),
                    "garbageBytes", now.garbageBytes() - before.garbageBytes(),
                    "badLength", now.badLength() - before.badLength(),
                    "badCrc", now.badCrc() - before.badCrc(),
                    "unknownMessages", now.unknownMessages() - before.unknownMessages(),
                    "wrongDirection", now.wrongDirection() - before.wrongDirection(),
                    "lostFrames", now.lostFrames() - before.lostFrames(),
                    "duplicateFrames", now.duplicateFrames() - before.duplicateFrames(),
                    "retransmissions", now.retransmissions() - before.retransmissions(),
                    "invalidPayloads", now.invalidPayloads() - before.invalidPayloads(),
                    "receiveOverflowBytes", now.receiveOverflowBytes() - before.receiveOverflowBytes(),
                    "reconnects", now.reconnects() - before.reconnects(),
                    "nodeRxCrcErrors", now.nodeRxCrcErrors() - before.nodeRxCrcErrors(),
                    "nodeRxOtherDrops", now.nodeRxOtherDrops() - before.nodeRxOtherDrops()));
            journalled.put(d.nodeId(), now);
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
