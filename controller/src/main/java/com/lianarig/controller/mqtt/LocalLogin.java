package com.lianarig.controller.mqtt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * The login the tools on the rig's own computer use on its embedded broker when that broker refuses
 * anonymous clients (issue 20: {@code mqtt.host} beyond loopback, allowed only with the web panel's TLS
 * and users). The service makes a new password at each start and writes it to
 * {@code <dataDir>/broker/local-login}, readable by the service's user only (mode 600); {@code rig panel},
 * {@code rig monitor} and {@code rig doctor} read it there and log in as {@link #USER}, which may do what an
 * anonymous client may on loopback: read the rig, and send commands as a rig-file panel, never as a
 * paired device nor on the rig's own topics.
 *
 * @param port the embedded broker's MQTT port this login is for (a tool pointed elsewhere ignores it)
 * @param password this run's password
 */
public record LocalLogin(int port, String password) {
    /** The broker user of the tools on the rig's own computer. */
    public static final String USER = "liana-rig-local";
    /** The file's name, in the broker's data directory. */
    public static final String FILE_NAME = "local-login";

    public LocalLogin {
        Objects.requireNonNull(password, "password");
    }

    /** Where the service writes it for a rig whose data directory is {@code dataDir}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve("broker").resolve(FILE_NAME);
    }

    /** A new login for the broker on {@code port}, with a random password. */
    public static LocalLogin random(int port) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return new LocalLogin(port, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    /**
     * Writes it to {@code file}, mode 600 from the first byte (a temporary file beside it, then renamed
     * over the old one).
     *
     * @throws IOException naming the file
     */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot write " + file + " readable by its owner only: the file system has no"
                    + " POSIX permissions", e);
        }
        String text = "# the embedded MQTT broker's login for tools on this computer (liana-rig service, new at each start)\n"
                + "user=" + USER + "\nport=" + port + "\npassword=" + password + "\n";
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The login in {@code file}; empty when there is none (no service with a locked broker wrote one) or
     * this user may not read it.
     *
     * @throws IOException when the file is there but is not a local login, naming it
     */
    public static Optional<LocalLogin> read(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException | AccessDeniedException e) {
            return Optional.empty();
        }
        String password = p.getProperty("password");
        String port = p.getProperty("port");
        if (!USER.equals(p.getProperty("user")) || password == null || password.isBlank() || port == null
                || !port.matches("\\d{1,5}")) {
            throw new IOException(file + " is not the embedded broker's local login (user, port and password lines)");
        }
        return Optional.of(new LocalLogin(Integer.parseInt(port), password.strip()));
    }
}
