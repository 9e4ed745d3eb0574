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
 * first: a torn write). {@link #freeBytes} makes it a disk that fills up: from then on it counts the
 * bytes files grow by (and those truncation and deletion give back), reports what is left as the usable
 * space, and a write or file creation that does not fit fails as a full disk does ("No space left on
 * device"); {@link #readOnly} fails every write as a read-only file system does. {@link #withoutForcing}
 * skips every force, for tests that make their power cuts by editing the files (forcing adds nothing
 * there but time). Thread-safe: the test thread scripts, the journal's writer suffers.
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
    private volatile boolean diskLimited;
    private volatile boolean readOnly;
    private final java.util.concurrent.atomic.AtomicLong free = new java.util.concurrent.atomic.AtomicLong();

    /** From now on the disk has {@code bytes} free (0: full); files growing use it up, shrinking gives it back. */
    void freeBytes(long bytes) {
        free.set(bytes);
        diskLimited = true;
    }

    /** The free bytes left (when {@link #freeBytes} was called). */
    long freeBytes() {
        return free.get();
    }

    /** A read-only file system from now on (true), or writable again. */
    void readOnly(boolean on) {
        readOnly = on;
    }

    /** Takes {@code bytes} of free space, or fails as a full or read-only file system does. */
    private void allocate(Path file, long bytes) throws IOException {
        if (readOnly) {
            injected.incrementAndGet();
            throw new java.nio.file.FileSystemException(file.toString(), null, "Read-only file system");
        }
        if (!diskLimited || bytes <= 0) {
            return;
        }
        long left = free.getAndUpdate(f -> f >= bytes ? f - bytes : f);
        if (left < bytes) {
            injected.incrementAndGet();
            throw new IOException("No space left on device (" + file.getFileName() + ")");
        }
    }

    private void giveBack(long bytes) {
        if (diskLimited && bytes > 0) {
            free.addAndGet(bytes);
        }
    }

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
    public long usableSpaceBytes(Path dir) throws IOException {
        return diskLimited ? free.get() : real.usableSpaceBytes(dir);
    }

    @Override
    public SegmentChannel open(Path file, Mode mode) throws IOException {
        if (mode == Mode.CREATE_NEW && take(createFailures)) {
            throw new IOException("injected: cannot create " + file);
        }
        if (mode != Mode.READ && readOnly) {
            allocate(file, 0);
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
                allocate(file, position + src.remaining() - ch.size());
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
                long before = ch.size();
                ch.truncate(sizeBytes);
                giveBack(before - ch.size());
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
        allocate(file, bytes.length);
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
        if (readOnly) {
            allocate(target, 0);
        }
        real.moveAtomically(source, target);
    }

    @Override
    public boolean forceDirectory(Path dir) throws IOException {
        return forcing && real.forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        if (readOnly) {
            allocate(file, 0);
        }
        long size = java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
        real.deleteIfExists(file);
        giveBack(size);
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
