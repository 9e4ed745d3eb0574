package com.lianarig.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.store.AtomicFiles;
import com.lianarig.config.store.NioFileOps;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paired phones and tablets and the one-time pairing codes waiting for one (SPEC section 6a),
 * in {@code <dataDir>/panels/}{@value #FILE}: secrets and codes stored hashed, the file readable by
 * its owner only and replaced atomically.
 *
 * <p>Two processes use it: the service (which redeems codes, authenticates panels and revokes them
 * from a technician's screen) and {@code rig panel-pair} (which makes codes and revokes). Every change
 * is a read-modify-write under an exclusive lock of {@value #LOCK_FILE}; readers work from an
 * in-memory copy that is reread when the file changes (checked at most every
 * {@value #RECHECK_MS} ms), so a code made or a device revoked from the command line counts in the
 * running service within that time.
 *
 * <p>Thread-safe: the broker's network threads, the MQTT callback thread and the web server's
 * threads all ask it.
 */
public final class PairingStore {
    private static final Logger log = LoggerFactory.getLogger(PairingStore.class);
    public static final String DIR = "panels";
    public static final String FILE = "paired-panels.json";
    static final String LOCK_FILE = ".paired-panels.lock";
    static final int FORMAT = 1;
    /** How long a code made without saying stays valid. */
    public static final Duration DEFAULT_CODE_LIFETIME = Duration.ofMinutes(10);
    static final Duration MAX_CODE_LIFETIME = Duration.ofHours(24);
    static final int CODE_DIGITS = 8;
    static final int MAX_PANELS = 64;
    static final int MAX_CODES = 16;
    /** Wrong codes tolerated within {@link #FAILURE_WINDOW_NANOS} before pairing pauses. */
    static final int MAX_FAILURES = 5;
    static final long FAILURE_WINDOW_NANOS = 60_000_000_000L;
    static final long RECHECK_MS = 200;
    static final int SECRET_BYTES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A code to pair one device with, as the technician reads it out.
     *
     * @param code eight digits in two groups, e.g. {@code 4821 7730}
     * @param role the role the device will have
     * @param name the device's name, if the technician gave one
     * @param expiresAtMs when it stops working, wall clock, ms since the epoch
     */
    public record NewCode(String code, PanelRole role, Optional<String> name, long expiresAtMs) {
    }

    /** A device just paired, with its secret: the only time the secret exists outside the device. */
    public record Paired(PairedPanel panel, String secret) {
    }

    /** Why a pairing was refused, in words for the person holding the phone. */
    public static final class PairingRefused extends Exception {
        private final boolean tooMany;

        PairingRefused(String message, boolean tooMany) {
            super(message);
            this.tooMany = tooMany;
        }

        /** True when pairing pauses after too many wrong codes. */
        public boolean tooMany() {
            return tooMany;
        }
    }

    /**
     * The paired devices' logins on an external broker ({@link MosquittoPairedUsers}): made when a device
     * is paired, deleted when it is revoked.
     */
    public interface BrokerAccounts {
        /** Makes the device's login with its secret; it can log in once this returns. */
        void add(PairedPanel panel, String secret) throws IOException;

        /** Deletes the device's login (and drops its connections); an absent one is no error. */
        void remove(String panelId) throws IOException;
    }

    private record Code(String hash, PanelRole role, Optional<String> name, long expiresAtMs, String createdBy) {
    }

    private record State(Map<String, PairedPanel> panels, List<Code> codes) {
        static final State EMPTY = new State(Map.of(), List.of());
    }

    private record Stamp(FileTime modified, long size, Object key) {
    }

    private final Path dir;
    private final Path file;
    private final Path lockFile;
    private final Set<String> reservedIds;
    private final Clock wall;
    private final LongSupplier nanos;
    private final SecureRandom random;
    private final AtomicFiles files = new AtomicFiles(new NioFileOps());
    private final Object lock = new Object();
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private volatile State state = State.EMPTY;
    private volatile Optional<BrokerAccounts> accounts = Optional.empty();
    private Stamp stamp;
    private long checkedNanos = Long.MIN_VALUE;

    /**
     * @param dataDir the service's data directory (the store is its {@value #DIR} directory)
     * @param reservedIds the rig file's panel ids: never given to a paired device
     * @param wall the wall clock (code expiry; shared by the service and the command line)
     * @param nanos a monotonic clock, ns (re-checks of the file, the wrong-code pause)
     */
    public PairingStore(Path dataDir, Set<String> reservedIds, Clock wall, LongSupplier nanos) {
        this.dir = dataDir.resolve(DIR);
        this.file = dir.resolve(FILE);
        this.lockFile = dir.resolve(LOCK_FILE);
        this.reservedIds = Set.copyOf(reservedIds);
        this.wall = Objects.requireNonNull(wall, "wall");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.random = new SecureRandom();
    }

    /**
     * From now on pairing makes each device's login on the broker, and revoking here deletes it. A pairing
     * whose login cannot be made fails (the device is not paired).
     */
    public void brokerAccounts(BrokerAccounts accounts) {
        this.accounts = Optional.of(accounts);
    }

    /** The store's file. */
    public Path file() {
        return file;
    }

    // ------------------------------------------------------------------ reading

    /** Every paired device, in pairing order. */
    public List<PairedPanel> panels() {
        return List.copyOf(current().panels().values());
    }

    /** The paired device with this panel id, if it is (still) paired. */
    public Optional<PairedPanel> panel(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(current().panels().get(id));
    }

    /** The paired device {@code id} when {@code secret} is its secret; empty otherwise (or revoked). */
    public Optional<PairedPanel> authenticate(String id, byte[] secret) {
        Optional<PairedPanel> p = panel(id);
        return p.isPresent() && PasswordHash.matches(secret, p.get().secretHash()) ? p : Optional.empty();
    }

    /** How many codes wait to be used (expired ones not counted). */
    public int pendingCodes() {
        long now = wall.millis();
        return (int) current().codes().stream().filter(c -> c.expiresAtMs() > now).count();
    }

    private State current() {
        long now = nanos.getAsLong();
        synchronized (lock) {
            if (now - checkedNanos >= RECHECK_MS * 1_000_000L || checkedNanos == Long.MIN_VALUE) {
                checkedNanos = now;
                try {
                    Stamp s = stampOf(file);
                    if (!Objects.equals(s, stamp)) {
                        state = read();
                        stamp = s;
                    }
                } catch (IOException | RuntimeException e) {
                    log.error("the paired panels in {} cannot be read ({}); keeping the last known list", file,
                            e.getMessage());
                }
            }
            return state;
        }
    }

    private static Stamp stampOf(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ changing

    /**
     * Makes a one-time code for pairing one device.
     *
     * @param name what to call the device (empty: the device says)
     * @param createdBy who asked (a technician panel's id, or {@code rig panel-pair})
     * @param validFor how long it works, up to a day
     */
    public NewCode newCode(PanelRole role, Optional<String> name, String createdBy, Duration validFor)
            throws IOException {
        Objects.requireNonNull(role, "role");
        name.ifPresent(n -> {
            String why = DeviceNames.problem(n);
            if (why != null) {
                throw new IllegalArgumentException("the device name " + why);
            }
        });
        if (validFor.isNegative() || validFor.isZero() || validFor.compareTo(MAX_CODE_LIFETIME) > 0) {
            throw new IllegalArgumentException("a pairing code is valid for 1 s to 24 h, not " + validFor);
        }
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < CODE_DIGITS; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        String code = digits.toString();
        long expiresAtMs = wall.millis() + validFor.toMillis();
        change(s -> {
            List<Code> codes = live(s.codes());
            if (codes.size() >= MAX_CODES) {
                codes.remove(0); // the oldest unused code goes
            }
            codes.add(new Code(sha256(code), role, name, expiresAtMs, createdBy));
            return new State(s.panels(), codes);
        });
        return new NewCode(code.substring(0, 4) + " " + code.substring(4), role, name, expiresAtMs);
    }

    /**
     * Pairs a device with a code: the code is used up, the device gets a new panel id and secret.
     *
     * @param typed the code as typed (spaces and dashes ignored)
     * @param deviceName what the device calls itself (used when the technician gave no name)
     * @throws PairingRefused a wrong, used or expired code, or too many wrong codes lately
     */
    public Paired redeem(String typed, String deviceName) throws PairingRefused, IOException {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        synchronized (lock) {
            long now = nanos.getAsLong();
            while (!failures.isEmpty() && now - failures.peekFirst() > FAILURE_WINDOW_NANOS) {
                failures.removeFirst();
            }
            if (failures.size() >= MAX_FAILURES) {
                throw new PairingRefused("too many wrong codes: pairing pauses for a minute", true);
            }
            if (!code.matches("\\d{" + CODE_DIGITS + "}")) {
                failures.addLast(now);
                throw new PairingRefused("a pairing code is " + CODE_DIGITS + " digits, e.g. 4821 7730", false);
            }
        }
        String hash = sha256(code);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(SECRET_BYTES));
        PairedPanel[] made = new PairedPanel[1];
        String[] refusal = new String[1];
        change(s -> {
            List<Code> codes = live(s.codes());
            Code match = codes.stream().filter(c -> MessageDigest.isEqual(
                    c.hash().getBytes(StandardCharsets.US_ASCII), hash.getBytes(StandardCharsets.US_ASCII)))
                    .findFirst().orElse(null);
            if (match == null) {
                refusal[0] = "this code is wrong, used or expired: ask the technician for a new one";
                return s;
            }
            codes.remove(match);
            Map<String, PairedPanel> panels = new LinkedHashMap<>(s.panels());
            if (panels.size() >= MAX_PANELS) {
                refusal[0] = MAX_PANELS + " devices are paired already: revoke one first";
                return new State(s.panels(), codes);
            }
            String name = match.name().orElseGet(() -> DeviceNames.problem(deviceName) == null ? deviceName.strip()
                    : "phone");
            PairedPanel p = new PairedPanel(newId(panels), name, match.role(),
                    PasswordHash.hash(secret.getBytes(StandardCharsets.US_ASCII), random), wall.millis(), match.createdBy());
            panels.put(p.id(), p);
            made[0] = p;
            return new State(panels, codes);
        });
        if (made[0] == null) {
            synchronized (lock) {
                failures.addLast(nanos.getAsLong());
            }
            throw new PairingRefused(refusal[0], false);
        }
        Optional<BrokerAccounts> broker = accounts;
        if (broker.isPresent()) {
            try {
                broker.get().add(made[0], secret);
            } catch (IOException | RuntimeException e) {
                // the code is used up, the device has no login: it must not stay paired, half-made
                revoke(made[0].id());
                throw new IOException("the device could not be given its broker login, so it is not paired ("
                        + e.getMessage() + "): make a new code and pair it again", e);
            }
        }
        log.info("paired {} ({}, {})", made[0].id(), made[0].name(), made[0].role().id());
        return new Paired(made[0], secret);
    }

    /**
     * Revokes a paired device: from now on it cannot log in to the embedded broker, publish a command,
     * or read client names.
     *
     * @return false when no device has that id
     */
    public boolean revoke(String id) throws IOException {
        boolean[] removed = new boolean[1];
        change(s -> {
            if (!s.panels().containsKey(id)) {
                return s;
            }
            Map<String, PairedPanel> panels = new LinkedHashMap<>(s.panels());
            panels.remove(id);
            removed[0] = true;
            return new State(panels, live(s.codes()));
        });
        Optional<BrokerAccounts> broker = accounts;
        if (removed[0] && broker.isPresent()) {
            try {
                broker.get().remove(id);
            } catch (IOException | RuntimeException e) {
                // the device's secret no longer opens anything of the rig's; the service's watcher deletes
                // the leftover login when the broker answers again (MosquittoPairedUsers.reconcile)
                log.error("revoked paired panel {}, but its broker login is not deleted yet: {}", id, e.getMessage());
            }
        }
        if (removed[0]) {
            log.info("revoked paired panel {}", id);
        }
        return removed[0];
    }

    private String newId(Map<String, PairedPanel> panels) {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        while (true) {
            StringBuilder id = new StringBuilder(PairedPanel.ID_PREFIX);
            for (int i = 0; i < 6; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = id.toString();
            if (!panels.containsKey(s) && !reservedIds.contains(s)) {
                return s;
            }
        }
    }

    private List<Code> live(List<Code> codes) {
        long now = wall.millis();
        List<Code> out = new ArrayList<>();
        for (Code c : codes) {
            if (c.expiresAtMs() > now) {
                out.add(c);
            }
        }
        return out;
    }

    /** One read-modify-write of the file, under the lock both processes take. */
    private void change(UnaryOperator<State> edit) throws IOException {
        synchronized (lock) {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.lock()) {
                State before = read();
                State after = edit.apply(before);
                if (after != before) {
                    byte[] bytes = write(after);
                    files.write(file, bytes);
                    ownerOnly(file);
                }
                state = after;
                stamp = stampOf(file);
                checkedNanos = nanos.getAsLong();
            }
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            log.warn("cannot make {} readable by its owner only: {}", file, e.toString());
        }
    }

    // ------------------------------------------------------------------ the file

    private State read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        }
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
            throw new IOException(file + " is not a paired-panels file of format " + FORMAT);
        }
        Map<String, PairedPanel> panels = new LinkedHashMap<>();
        for (JsonNode p : root.path("panels")) {
            try {
                PairedPanel panel = new PairedPanel(p.path("id").asText(), p.path("name").asText(),
                        role(p.path("role").asText()), p.path("secretHash").asText(), p.path("pairedAtMs").asLong(),
                        p.path("pairedBy").asText());
                panels.put(panel.id(), panel);
            } catch (IllegalArgumentException e) {
                log.error("{}: a paired panel entry is not valid and is ignored: {}", file, e.getMessage());
            }
        }
        List<Code> codes = new ArrayList<>();
        for (JsonNode c : root.path("codes")) {
            String hash = c.path("hash").asText();
            if (!hash.matches("[0-9a-f]{64}")) {
                continue;
            }
            try {
                codes.add(new Code(hash, role(c.path("role").asText()),
                        c.hasNonNull("name") ? Optional.of(c.get("name").asText()) : Optional.empty(),
                        c.path("expiresAtMs").asLong(), c.path("createdBy").asText()));
            } catch (IllegalArgumentException e) {
                log.error("{}: a pairing code entry is not valid and is ignored: {}", file, e.getMessage());
            }
        }
        return new State(panels, codes);
    }

    private static byte[] write(State s) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode panels = root.putArray("panels");
        for (PairedPanel p : s.panels().values()) {
            panels.addObject().put("id", p.id()).put("name", p.name()).put("role", p.role().id())
                    .put("secretHash", p.secretHash()).put("pairedAtMs", p.pairedAtMs()).put("pairedBy", p.pairedBy());
        }
        ArrayNode codes = root.putArray("codes");
        for (Code c : s.codes()) {
            ObjectNode o = codes.addObject().put("hash", c.hash()).put("role", c.role().id())
                    .put("expiresAtMs", c.expiresAtMs()).put("createdBy", c.createdBy());
            c.name().ifPresent(n -> o.put("name", n));
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private static PanelRole role(String id) {
        for (PanelRole r : PanelRole.values()) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("role \"" + id + "\" is not trainer or technician");
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String sha256(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.US_ASCII))).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
