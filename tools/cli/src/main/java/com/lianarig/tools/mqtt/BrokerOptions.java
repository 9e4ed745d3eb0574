package com.lianarig.tools.mqtt;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say where the broker is and how to log in: a picocli mixin for the MQTT tools. */
public final class BrokerOptions {
    /** The broker of {@code ./rig demo} (its embedded broker, config/examples/rig.yaml). */
    public static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";

    @Option(names = "--broker", paramLabel = "URI", defaultValue = DEFAULT_BROKER,
            description = "broker URI, tcp://HOST:PORT or ssl://HOST:PORT (default: ${DEFAULT-VALUE}, the one `./rig demo` hosts)")
    String brokerUri = DEFAULT_BROKER;

    @Option(names = "--username", paramLabel = "USER", description = "broker user name")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the broker password")
    Path passwordFile;

    @Option(names = "--ca-file", paramLabel = "PEM", description = "CA certificate(s) to trust for ssl:// brokers (PEM)")
    Path caFile;

    @Option(names = "--login-file", paramLabel = "FILE", description = "the rig service's login for tools on its own"
            + " computer, used without --username on a broker at 127.0.0.1 (default: broker/local-login in $RIG_DATA_DIR,"
            + " else in /var/lib/liana-rig; the service writes it when its broker listens beyond loopback)")
    Path loginFile;

    public BrokerOptions() {
    }

    /** Options for code and tests that do not go through picocli. */
    public BrokerOptions(String brokerUri, String username, Path passwordFile, Path caFile) {
        this.brokerUri = brokerUri;
        this.username = username;
        this.passwordFile = passwordFile;
        this.caFile = caFile;
    }

    public String brokerUri() {
        return brokerUri;
    }

    public String username() {
        return username;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public Path caFile() {
        return caFile;
    }

    /** The embedded broker's local login file given, or null for the default place. */
    public Path loginFile() {
        return loginFile;
    }
}
