package com.lianarig.config.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory disk that models what a power cut keeps, for crash tests.
 *
 * <p>Every file is an inode with its current content and its durable content (what {@link #force}
 * last saved; empty for a new file). Directory entries are current and durable too: a create, rename
 * or delete is durable only once its directory is forced. {@link #failAtStep} makes the k-th mutating
 * step throw (a write step writes half its bytes first: a torn write), and every step after it throws
 * too: the process is gone. Then {@link #powerCut} reverts everything to its durable state, and
 * {@link #restartProcess} keeps everything (a killed process, the OS still running).
 */
public final class SimulatedDisk implements FileOps {

    /** The exception of a simulated crash. */
    public static final class Crash extends IOException {
        Crash(String step) {
            super("simulated crash at " + step);
        }
    }

    private static final class Inode {
        byte[] content;
        byte[] durable = new byte[0];

        Inode(byte[] content) {
            this.content = content;
        }
    }

    private Map<Path, Inode> entries = new HashMap<>();
    private Map<Path, Inode> durableEntries = new HashMap<>();
    private int steps;
    private int failAt = -1;
    private boolean crashed;
    private boolean refuseDirectorySync;

    /** Makes the {@code step}-th mutating step from now (1-based) crash; 0 or less: never. */
    public void failAtStep(int step) {
        steps = 0;
        failAt = step;
    }

    /** Mutating steps since the last {@link #failAtStep} (or since the start). */
    public int steps() {
        return steps;
    }

    /** Makes {@link #forceDirectory} report that the file system refuses. */
    public void refuseDirectorySync(boolean refuse) {
        refuseDirectorySync = refuse;
    }

    /** Power is cut: only forced content and forced directory entries remain. Then it comes back. */
    public void powerCut() {
        entries = new HashMap<>(durableEntries);
        for (Inode i : entries.values()) {
            i.content = i.durable.clone();
        }
        crashed = false;
        failAt = -1;
    }

    /** The process died but the OS did not: everything written stays. A new process starts. */
    public void restartProcess() {
        crashed = false;
        failAt = -1;
    }

    /** The names of every file, durable or not, for assertions. */
    public List<Path> allFiles() {
        return entries.keySet().stream().sorted().toList();
    }

    private void step(String what) throws Crash {
        if (crashed) {
            throw new Crash(what + " after the crash");
        }
        steps++;
        if (steps == failAt) {
            crashed = true;
            throw new Crash(what);
        }
    }

    private boolean failsNow() {
        return !crashed && failAt == steps + 1;
    }

    @Override
    public void createAndWrite(Path file, byte[] bytes) throws IOException {
        if (failsNow() && !entries.containsKey(file)) {
            entries.put(file, new Inode(Arrays.copyOf(bytes, bytes.length / 2)));
        }
        step("createAndWrite " + file.getFileName());
        if (entries.containsKey(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        entries.put(file, new Inode(bytes.clone()));
    }

    @Override
    public void force(Path file) throws IOException {
        step("force " + file.getFileName());
        inode(file).durable = inode(file).content.clone();
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        step("move " + source.getFileName());
        Inode i = inode(source);
        entries.remove(source);
        entries.put(target, i);
    }

    @Override
    public boolean forceDirectory(Path dir) throws IOException {
        step("forceDirectory " + dir);
        if (refuseDirectorySync) {
            return false;
        }
        durableEntries.keySet().removeIf(p -> dir.equals(p.getParent()));
        entries.forEach((p, i) -> {
            if (dir.equals(p.getParent())) {
                durableEntries.put(p, i);
            }
        });
        return true;
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        step("delete " + file.getFileName());
        entries.remove(file);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        if (crashed) {
            throw new Crash("read after the crash");
        }
        return inode(file).content.clone();
    }

    @Override
    public boolean exists(Path file) throws IOException {
        if (crashed) {
            throw new Crash("exists after the crash");
        }
        return entries.containsKey(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        if (crashed) {
            throw new Crash("list after the crash");
        }
        return entries.keySet().stream().filter(p -> dir.equals(p.getParent())).sorted().toList();
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        step("createDirectories " + dir);
    }

    private Inode inode(Path file) throws NoSuchFileException {
        Inode i = entries.get(file);
        if (i == null) {
            throw new NoSuchFileException(file.toString());
        }
        return i;
    }
}
