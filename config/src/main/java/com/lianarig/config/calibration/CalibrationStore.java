package com.lianarig.config.calibration;

import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigError;
import com.lianarig.config.ConfigException;
import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.FileNames;
import com.lianarig.config.store.FileOps;
import com.lianarig.config.yaml.Texts;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calibrations of every load channel, one JSON file per node serial in one directory, with their
 * history (SPEC section 7). A calibration is appended, never overwritten; the current one of a channel
 * is its latest valid one. Every save replaces the node's file atomically ({@link AtomicFiles}), so a
 * bad or interrupted write leaves the previous file whole; a file that cannot be read is never
 * overwritten.
 *
 * <p>One writer at a time: the methods are synchronised within a process, and only one process (the
 * service, or the calibration tool while the service is stopped) writes a calibration directory.
 */
public final class CalibrationStore {
    private static final Logger LOG = LoggerFactory.getLogger(CalibrationStore.class);
    private static final String SUFFIX = ".json";

    private final Path dir;
    private final AtomicFiles files;
    private final CalibrationPolicy policy;

    /**
     * @param dir the calibration directory (created on the first save)
     * @param policy what makes a calibration valid
     */
    public CalibrationStore(Path dir, FileOps ops, CalibrationPolicy policy) {
        this.dir = dir.toAbsolutePath();
        this.files = new AtomicFiles(ops);
        this.policy = policy;
    }

    /** The file of a node's calibrations. */
    public Path fileOf(String nodeSerial) {
        return dir.resolve(FileNames.encode(nodeSerial) + SUFFIX);
    }

    /** The policy validity is judged by. */
    public CalibrationPolicy policy() {
        return policy;
    }

    /**
     * Every calibration of a node; empty when it has none.
     *
     * @throws ConfigException when its file cannot be read or is not a valid calibration file
     */
    public synchronized NodeCalibrations load(String nodeSerial) throws ConfigException {
        Path file = fileOf(nodeSerial);
        byte[] bytes;
        try {
            bytes = files.ops().read(file);
        } catch (NoSuchFileException e) {
            return NodeCalibrations.empty(nodeSerial);
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(file.toString(), "", 0, 0, null,
                    "cannot be read: " + Texts.describe(e)));
        }
        return CalibrationFormat.read(bytes, file.toString(), nodeSerial);
    }

    /**
     * Appends a calibration to its node's history and saves the history atomically.
     *
     * @return the node's history with it
     * @throws ConfigException when the existing file cannot be read (it is left as it is)
     * @throws IOException when the save fails (the previous file is left whole)
     */
    public synchronized NodeCalibrations append(Calibration calibration) throws ConfigException, IOException {
        String serial = calibration.channel().nodeSerial();
        NodeCalibrations updated = load(serial).plus(calibration);
        files.removeLeftovers(dir);
        files.write(fileOf(serial), CalibrationFormat.write(updated));
        LOG.info("Saved {} calibration of {} by {}: {} points, {} counts/N, linearity {} % of full scale{}",
                calibration.kind().id(), calibration.channel(), calibration.technician(),
                calibration.fit().points().size(), calibration.countsPerN(),
                calibration.fit().linearityErrorPercent(),
                calibration.invalidity(policy).map(w -> " (NOT VALID: " + w + ")").orElse(""));
        return updated;
    }

    /**
     * The current (latest valid) calibration of a channel.
     *
     * @throws ConfigException when its node's file cannot be read
     */
    public Optional<Calibration> current(ChannelRef channel) throws ConfigException {
        return load(channel.nodeSerial()).current(channel.channel(), policy);
    }

    /**
     * SR-17: what a channel carries, its current calibration or why it has none. Never throws: a node's
     * file that cannot be read or is not a valid calibration file (damaged, truncated, garbage, a scale
     * that disagrees with its points) leaves its channels uncalibrated, naming the file and the first
     * problem, so the service starts and READY is refused saying why.
     */
    public ChannelCalibration lookup(ChannelRef channel) {
        NodeCalibrations node;
        try {
            node = load(channel.nodeSerial());
        } catch (ConfigException e) {
            return new ChannelCalibration(channel, Optional.empty(), unusable(e));
        }
        return judge(channel, node);
    }

    /**
     * SR-17: every channel of {@code channels} that has no valid calibration, with the reason, in the
     * order given. Never throws: an unreadable file makes its channels missing, saying why.
     */
    public List<MissingCalibration> missingCalibrations(List<ChannelRef> channels) {
        Map<String, Object> byNode = new HashMap<>();
        List<MissingCalibration> out = new ArrayList<>();
        for (ChannelRef ref : channels) {
            Object node = byNode.computeIfAbsent(ref.nodeSerial(), serial -> {
                try {
                    return load(serial);
                } catch (ConfigException e) {
                    return e;
                }
            });
            ChannelCalibration c = node instanceof ConfigException e
                    ? new ChannelCalibration(ref, Optional.empty(), unusable(e))
                    : judge(ref, (NodeCalibrations) node);
            if (c.whyNot() != null) {
                out.add(new MissingCalibration(ref, c.whyNot()));
            }
        }
        return out;
    }

    private static String unusable(ConfigException e) {
        return "its calibration file cannot be used: " + e.errors().get(0).message()
                + (e.errors().size() > 1 ? " (and " + (e.errors().size() - 1) + " more problem(s))" : "");
    }

    private ChannelCalibration judge(ChannelRef ref, NodeCalibrations n) {
        List<Calibration> history = n.history(ref.channel());
        if (history.isEmpty()) {
            return new ChannelCalibration(ref, Optional.empty(), "no calibration on record");
        }
        Optional<Calibration> current = n.current(ref.channel(), policy);
        if (current.isPresent()) {
            return new ChannelCalibration(ref, current, null);
        }
        Calibration latest = history.get(history.size() - 1);
        return new ChannelCalibration(ref, Optional.empty(), "no valid calibration: the latest (" + latest.at() + ", "
                + latest.technician() + ") is not valid because " + latest.invalidity(policy).orElse("?"));
    }
}
