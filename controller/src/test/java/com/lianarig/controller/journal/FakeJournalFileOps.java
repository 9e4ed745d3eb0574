package com.lianarig.controller.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real file system with scripted trouble: the writer can be stalled inside a force, and the next
 * writes, forces, segment creations or cursor saves can fail (a failing write may write half its bytes
 * first: a torn write). {@link #withoutForcing} skips every force, for tests that make their power
 * cuts by editing the files (forcing adds nothing there but time). Thread-safe: the test thread
 * scripts, the journal's writer suffers.
 */
final class FakeJournalFileOps implements JournalFileOps {
    private final NioJournalFileOps real = new NioJournalFileOps();
    private final AtomicInteger writeFailures = new AtomicInteger();
    private final AtomicInteger forceFailures = new AtomicInteger();
    private final AtomicInteger createFailures = new AtomicInteger();
    private final AtomicInteger cursorFailures = new AtomicInteger();
    private final AtomicInteger injected = new AtomicInteger();
    private volatile boolean tornWrites;
    private final AtomicBoolean stallArmed = new AtomicBoolean();
    private final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean forcing = true;

    /** File operations that never force content or directories to storage. */
    static FakeJournalFileOps withoutForcing() {
        FakeJournalFileOps ops = new FakeJournalFileOps();
        ops.forcing = false;
        return ops;
    }

    /** The next force of a segment blocks until {@link #release}. */
    void stallNextForce() {
        stallArmed.set(true);
    }

    /** Waits until the writer is blocked in the stalled force. */
    boolean awaitStalled() throws InterruptedException {
        return stalled.await(10, TimeUnit.SECONDS);
    }

    /** Whether the writer is blocked in the stalled force now. */
    boolean stalledNow() {
        return stalled.getCount() == 0 && release.getCount() > 0;
    }

    void release() {
        release.countDown();
    }

    /** The next {@code n} segment writes fail; {@code torn}: each writes half its bytes first. */
    void failWrites(int n, boolean torn) {
        tornWrites = torn;
        writeFailures.set(n);
    }

    void failForces(int n) {
        forceFailures.set(n);
    }

    /** The next {@code n} creations of a segment fail. */
    void failCreates(int n) {
        createFailures.set(n);
    }

    /** The next {@code n} saves of the delivered cursor fail. */
    void failCursorSaves(int n) {
        cursorFailures.set(n);
    }

    /** Failures injected so far. */
    int injected() {
        return injected.get();
    }

    private boolean take(AtomicInteger failures) {
        boolean fail = failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        if (fail) {
            injected.incrementAndGet();
        }
        return fail;
    }

    @Override
    public SegmentChannel open(Path file, Mode mode) throws IOException {
        if (mode == Mode.CREATE_NEW && take(createFailures)) {
            throw new IOException("injected: cannot create " + file);
        }
        SegmentChannel ch = real.open(file, mode);
        return new SegmentChannel() {
            @Override
            public long size() throws IOException {
                return ch.size();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return ch.read(dst, position);
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                if (take(writeFailures)) {
                    if (tornWrites) {
                        ByteBuffer half = src.duplicate();
                        half.limit(half.position() + half.remaining() / 2);
                        ch.write(half, position);
                    }
                    throw new IOException("injected: write failed");
                }
                ch.write(src, position);
            }

            @Override
            public void force() throws IOException {
                if (stallArmed.compareAndSet(true, false)) {
                    stalled.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while stalled", e);
                    }
                }
                if (take(forceFailures)) {
                    throw new IOException("injected: force failed");
                }
                if (forcing) {
                    ch.force();
                }
            }

            @Override
            public void truncate(long sizeBytes) throws IOException {
                ch.truncate(sizeBytes);
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }
        };
    }

    @Override
    public void createAndWrite(Path file, byte[] bytes) throws IOException {
        if (take(cursorFailures)) {
            throw new IOException("injected: cannot save " + file);
        }
        real.createAndWrite(file, bytes);
    }

    @Override
    public void force(Path file) throws IOException {
        if (forcing) {
            real.force(file);
        }
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        real.moveAtomically(source, target);
    }

    @Override
    public boolean forceDirectory(Path dir) throws IOException {
        return forcing && real.forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        real.deleteIfExists(file);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return real.read(file);
    }

    @Override
    public boolean exists(Path file) throws IOException {
        return real.exists(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        real.createDirectories(dir);
    }
}
