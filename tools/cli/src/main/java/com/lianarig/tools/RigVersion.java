package com.lianarig.tools;

import com.lianarig.protocol.ProtocolDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code rig --version} prints: the build's version (from the Maven-filtered
 * {@code rig-version.properties}), and the firmware protocol version and definition hash a node must
 * report in IDENTIFY to be accepted.
 */
public final class RigVersion implements IVersionProvider {
    static final String RESOURCE = "/rig-version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "rig " + buildVersion(),
            "firmware protocol " + ProtocolDefinition.PROTOCOL_VERSION + ", definition hash 0x"
                    + definitionHashHex(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }

    /** The protocol-definition hash as 8 upper-case hex digits. */
    static String definitionHashHex() {
        return String.format(Locale.ROOT, "%08X", ProtocolDefinition.HASH);
    }

    /** The project version this jar was built from, or "unknown" outside a Maven build. */
    public static String buildVersion() {
        try (InputStream in = RigVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
