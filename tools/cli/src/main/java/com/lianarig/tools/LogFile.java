package com.lianarig.tools;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Where the service's log file goes when the checkout's launcher runs it ({@code ./rig run}, {@code ./rig
 * demo}: {@code logback-service.xml}): {@code $RIG_LOG_FILE} when set, else a per-user file,
 * {@code $XDG_STATE_HOME/liana-rig/log/rig.log} ({@code ~/.local/state/liana-rig/log/rig.log} by
 * default). Never the working directory: a demo run from a checkout leaves the checkout clean. The
 * installed service logs to stderr, which systemd keeps in its journal.
 */
public final class LogFile {
    /** The system property {@code logback-service.xml} reads the file name from. */
    public static final String PROPERTY = "rig.log.file";

    private LogFile() {
    }

    /** The log file for this environment and user home. */
    static Path of(Map<String, String> env, String userHome, String tmpDir) {
        String explicit = env.get("RIG_LOG_FILE");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit.strip());
        }
        String state = env.get("XDG_STATE_HOME");
        Path base;
        if (state != null && Path.of(state).isAbsolute()) {
            base = Path.of(state);
        } else if (userHome != null && !userHome.isBlank() && !userHome.equals("?")) {
            base = Path.of(userHome, ".local", "state");
        } else {
            base = Path.of(tmpDir);
        }
        return base.resolve("liana-rig").resolve("log").resolve("rig.log");
    }

    /** Sets {@link #PROPERTY} for this process; call before anything logs. */
    static void choose() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, of(System.getenv(), System.getProperty("user.home"),
                    System.getProperty("java.io.tmpdir")).toString());
        }
    }

    /** The file the logging writes to, when it writes one (the service's logging in a checkout). */
    public static Optional<String> active() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it =
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (it.hasNext()) {
            Appender<ch.qos.logback.classic.spi.ILoggingEvent> a = it.next();
            Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> inner = a instanceof AsyncAppenderBase<
                    ch.qos.logback.classic.spi.ILoggingEvent> async ? async.iteratorForAppenders() : java.util.List.of(a).iterator();
            while (inner.hasNext()) {
                if (inner.next() instanceof FileAppender<?> file && file.getFile() != null) {
                    return Optional.of(Path.of(file.getFile()).toAbsolutePath().toString());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Writes out what the logging still holds and stops it (the service's asynchronous appenders keep lines in
     * a queue): the last thing a controlled stop does before the process exits. Logging after it is lost.
     */
    public static void stopLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
