package com.lianarig.hal.serial;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An advisory, per-device lock, so that never two processes (the service and {@code rig calibrate},
 * say) talk to one node: a file {@code LCK..<device>} in the lock directory, locked with
 * {@link FileChannel#tryLock()} (an fcntl lock, released by the kernel when the holder dies, so a
 * stale file never blocks) and holding the holder's pid as ten ASCII digits and a newline (the FHS
 * convention of {@code /run/lock}). A second opener is refused with "port X is in use by pid N".
 *
 * <p>The device is named by its real path, so a symlink ({@code /dev/serial/by-id/...}, a socat pty
 * link) and its target share one lock. jSerialComm's own {@code flock} of the open device remains,
 * a second line of defence. The file is emptied, not deleted, on release (deleting it would let two
 * openers lock two different files).
 *
 * <p>fcntl locks belong to the whole process, and closing <em>any</em> channel to a locked file
 * drops them: so this process never opens a second channel to a lock file it holds.
 * {@link #HELD} mirrors that process-wide kernel state (the one piece of static state here, on
 * purpose: it is as wide as what it guards).
 */
final class PortLock implements AutoCloseable {
    /** Lock files this process holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final Set<PosixFilePermission> SHARED = PosixFilePermissions.fromString("rw-rw-rw-");

    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private PortLock(FileChannel channel, FileLock lock, Path file) {
        this.channel = channel;
        this.lock = lock;
        this.file = file;
    }

    /**
     * Locks {@code devicePath} for this process.
     *
     * @throws PortUnavailableException when the device does not exist, the lock cannot be made, or
     *         another opener holds it (its pid named)
     */
    static PortLock acquire(Path lockDirectory, String devicePath) throws PortUnavailableException {
        Path real;
        try {
            real = Path.of(devicePath).toRealPath();
        } catch (NoSuchFileException e) {
            throw new PortUnavailableException("no device at " + devicePath);
        } catch (IOException e) {
            throw new PortUnavailableException("cannot resolve " + devicePath + ": " + e.getMessage());
        }
        Path file = lockDirectory.resolve(lockFileName(real)).toAbsolutePath().normalize();
        if (!HELD.add(file)) {
            throw new PortUnavailableException("port " + devicePath + " is in use by pid "
                    + ProcessHandle.current().pid() + " (this process) (lock " + file + ")");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(file);
            throw new PortUnavailableException("cannot create the lock file " + file + " for " + devicePath + ": "
                    + e.getMessage());
        }
        shareWithOtherUsers(file);
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                HELD.remove(file);
                channel.close();
                throw new PortUnavailableException("port " + devicePath + " is in use by pid "
                        + ProcessHandle.current().pid() + " (this process) (lock " + file + ")");
            }
            if (lock == null) {
                HELD.remove(file);
                String holder = holder(channel);
                channel.close();
                throw new PortUnavailableException("port " + devicePath + " is in use by pid " + holder + " (lock "
                        + file + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.format("%10d%n", ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new PortLock(channel, lock, file);
        } catch (IOException e) {
            HELD.remove(file);
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            throw new PortUnavailableException("cannot lock " + file + " for " + devicePath + ": " + e.getMessage());
        }
    }

    /**
     * Makes a lock file this process created writable by every user (the service's user and a
     * technician's {@code rig calibrate} must both be able to lock it), when the file system allows.
     */
    private static void shareWithOtherUsers(Path file) {
        try {
            Files.setPosixFilePermissions(file, SHARED);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not ours to change (another user created it) or no POSIX permissions: keep what is there
        }
    }

    /** {@code LCK..ttyACM0} for {@code /dev/ttyACM0}, {@code LCK..pts_3} for {@code /dev/pts/3}. */
    static String lockFileName(Path realDevice) {
        String s = realDevice.toString();
        if (s.startsWith("/dev/")) {
            s = s.substring("/dev/".length());
        } else if (s.startsWith("/")) {
            s = s.substring(1);
        }
        return "LCK.." + s.replace('/', '_');
    }

    /** The pid written in the lock file, or "unknown" when it is empty or unreadable. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            channel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
            return text.matches("\\d+") ? text : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    Path file() {
        return file;
    }

    /** Empties the file and releases the lock. Idempotent; any thread. */
    @Override
    public synchronized void close() {
        if (!channel.isOpen()) {
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            // the lock goes with the channel anyway
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to do
            }
            HELD.remove(file);
        }
    }
}
