package com.lianarig.controller.journal;

import com.lianarig.config.store.NioFileOps;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** {@link JournalFileOps} on the real file system. Stateless; safe to share. */
final class NioJournalFileOps implements JournalFileOps {
    private final NioFileOps files = new NioFileOps();

    @Override
    public SegmentChannel open(Path file, Mode mode) throws IOException {
        OpenOption[] options = switch (mode) {
            case READ -> new OpenOption[] {StandardOpenOption.READ};
            case WRITE_EXISTING -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
            case CREATE_NEW -> new OpenOption[] {
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW};
        };
        return new NioSegmentChannel(FileChannel.open(file, options));
    }

    @Override
    public long usableSpaceBytes(Path dir) throws IOException {
        return java.nio.file.Files.getFileStore(dir).getUsableSpace();
    }

    @Override
    public void createAndWrite(Path file, byte[] bytes) throws IOException {
        files.createAndWrite(file, bytes);
    }

    @Override
    public void force(Path file) throws IOException {
        files.force(file);
    }

    @Override
    public void moveAtomically(Path source, Path target) throws IOException {
        files.moveAtomically(source, target);
    }

    @Override
    public boolean forceDirectory(Path dir) throws IOException {
        return files.forceDirectory(dir);
    }

    @Override
    public void deleteIfExists(Path file) throws IOException {
        files.deleteIfExists(file);
    }

    @Override
    public byte[] read(Path file) throws IOException {
        return files.read(file);
    }

    @Override
    public boolean exists(Path file) throws IOException {
        return files.exists(file);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return files.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        files.createDirectories(dir);
    }

    private static final class NioSegmentChannel implements SegmentChannel {
        private final FileChannel ch;

        NioSegmentChannel(FileChannel ch) {
            this.ch = ch;
        }

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
            long at = position;
            while (src.hasRemaining()) {
                at += ch.write(src, at);
            }
        }

        @Override
        public void force() throws IOException {
            ch.force(false);
        }

        @Override
        public void truncate(long sizeBytes) throws IOException {
            ch.truncate(sizeBytes);
        }

        @Override
        public void close() throws IOException {
            ch.close();
        }
    }
}
