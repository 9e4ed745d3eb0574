package com.lianarig.config.rig;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for the connection to the broker. Paths are absolute (relative ones in the rig file are
 * resolved against its directory).
 *
 * @param caFile the CA certificate(s) the broker's certificate is checked against (PEM)
 * @param certFile the client certificate (PEM), for brokers that require one; given with keyFile
 * @param keyFile the client certificate's private key (PEM); given with certFile
 */
public record TlsConfig(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    public TlsConfig {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("certFile and keyFile go together");
        }
    }
}
