package com.lianarig.config.profile;

import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.FileOps;
import com.lianarig.config.yaml.Texts;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client profiles, one file {@code <id>.yaml} per client in the profiles directory, each saved
 * atomically ({@link AtomicFiles}): a crash mid-save leaves the previous profile whole.
 *
 * <p>One writer at a time: the methods are synchronised within a process.
 */
public final class ProfileStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileStore.class);
    private static final String SUFFIX = ".yaml";

    private final Path dir;
    private final AtomicFiles files;

    /** @param dir the profiles directory (created on the first save) */
    public ProfileStore(Path dir, FileOps ops) {
        this.dir = dir.toAbsolutePath();
        this.files = new AtomicFiles(ops);
    }

    /** The file of a profile. Ids are file-name safe by construction. */
    public Path fileOf(String id) {
        if (!ClientProfile.ID.matcher(id).matches()) {
            throw new IllegalArgumentException("\"" + id + "\" is not a profile id");
        }
        return dir.resolve(id + SUFFIX);
    }

    /** The ids of every stored profile, sorted (files that are not profiles are ignored). */
    public synchronized List<String> list() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path p : files.ops().list(dir)) {
            String name = p.getFileName().toString();
            if (AtomicFiles.isTemporary(p) || !name.endsWith(SUFFIX)) {
                continue;
            }
            String id = name.substring(0, name.length() - SUFFIX.length());
            if (ClientProfile.ID.matcher(id).matches()) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The profile with this id; empty when there is none.
     *
     * @throws ConfigException when its file cannot be read or is not a valid profile
     */
    public synchronized Optional<ClientProfile> load(String id) throws ConfigException {
        Path file = fileOf(id);
        byte[] bytes;
        try {
            bytes = files.ops().read(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), "", 0, 0, null,
                    "cannot be read: " + Texts.describe(e)));
        }
        return Optional.of(ProfileFormat.read(bytes, file.toString(), id));
    }

    /** Saves a profile atomically, replacing any previous version. */
    public synchronized void save(ClientProfile profile) throws IOException {
        files.removeLeftovers(dir);
        files.write(fileOf(profile.id()), ProfileFormat.write(profile));
        LOG.info("Saved client profile {}", profile.id());
    }

    /**
     * Deletes a profile and its session history ({@link SessionHistoryStore}: a client's right to be
     * forgotten); returns whether there was a profile.
     */
    public synchronized boolean delete(String id) throws IOException {
        Path file = fileOf(id);
        new SessionHistoryStore(dir, files.ops()).delete(id);
        if (!files.ops().exists(file)) {
            return false;
        }
        files.ops().deleteIfExists(file);
        files.ops().forceDirectory(dir);
        LOG.info("Deleted client profile {}", id);
        return true;
    }
}
