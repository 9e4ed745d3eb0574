package com.lianarig.controller.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.rig.PanelRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC 6a's pairing: one-time codes, a panel id and secret per device, stored hashed, revocable. */
class PairingStoreTest {
    @TempDir
    Path data;
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private Instant now = Instant.parse("2026-03-01T09:00:00Z");

    private PairingStore store() {
        return new PairingStore(data, Set.of("trainer-tablet"), new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        }, nanos::get);
    }

    private static String digits(PairingStore.NewCode c) {
        return c.code().replace(" ", "");
    }

    @Test
    void aCodePairsOneDeviceOnceWithItsOwnIdAndSecret() throws Exception {
        PairingStore s = store();
        PairingStore.NewCode code = s.newCode(PanelRole.TRAINER, Optional.empty(), "rig panel-pair",
                PairingStore.DEFAULT_CODE_LIFETIME);
        assertTrue(code.code().matches("\\d{4} \\d{4}"), code.code());
        PairingStore.Paired p = s.redeem(code.code(), "Anna's phone");
        assertTrue(p.panel().id().matches("web-[a-z0-9]{6}"), p.panel().id());
        assertEquals("Anna's phone", p.panel().name());
        assertEquals(PanelRole.TRAINER, p.panel().role());
        assertEquals(Optional.of(p.panel()), s.authenticate(p.panel().id(), p.secret().getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), s.authenticate(p.panel().id(), "wrong".getBytes(StandardCharsets.US_ASCII)));

        PairingStore.PairingRefused again = assertThrows(PairingStore.PairingRefused.class,
                () -> s.redeem(digits(code), "thief"));
        assertTrue(again.getMessage().contains("wrong, used or expired"), again.getMessage());
    }

    @Test
    void theFileHoldsNoSecretAndNoCodeAndOnlyItsOwnerReadsIt() throws Exception {
        PairingStore s = store();
        PairingStore.NewCode unused = s.newCode(PanelRole.TECHNICIAN, Optional.of("tech tablet"), "test",
                PairingStore.DEFAULT_CODE_LIFETIME);
        PairingStore.Paired p = s.redeem(s.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone");
        String text = Files.readString(s.file());
        assertFalse(text.contains(p.secret()), text);
        assertFalse(text.contains(digits(unused)), text);
        assertTrue(text.contains(p.panel().secretHash()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.file())));
    }

    @Test
    void aCodeExpires() throws Exception {
        PairingStore s = store();
        PairingStore.NewCode code = s.newCode(PanelRole.TRAINER, Optional.empty(), "test", Duration.ofMinutes(10));
        now = now.plus(Duration.ofMinutes(10)).plusSeconds(1);
        assertThrows(PairingStore.PairingRefused.class, () -> s.redeem(code.code(), "late phone"));
        assertEquals(0, s.pendingCodes());
    }

    @Test
    void wrongCodesPausePairingForAMinute() throws Exception {
        PairingStore s = store();
        PairingStore.NewCode code = s.newCode(PanelRole.TRAINER, Optional.empty(), "test", Duration.ofMinutes(10));
        String wrong = digits(code).equals("00000000") ? "11111111" : "00000000";
        for (int i = 0; i < PairingStore.MAX_FAILURES; i++) {
            assertFalse(assertThrows(PairingStore.PairingRefused.class, () -> s.redeem(wrong, "guess")).tooMany());
        }
        PairingStore.PairingRefused paused = assertThrows(PairingStore.PairingRefused.class,
                () -> s.redeem(code.code(), "the right one, too soon"));
        assertTrue(paused.tooMany(), paused.getMessage());
        nanos.addAndGet(PairingStore.FAILURE_WINDOW_NANOS + 1);
        s.redeem(code.code(), "the right one, a minute later");
    }

    @Test
    void aRevokedDeviceIsNoLongerKnown() throws Exception {
        PairingStore s = store();
        PairingStore.Paired p = s.redeem(s.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone");
        assertTrue(s.revoke(p.panel().id()));
        assertFalse(s.revoke(p.panel().id()));
        assertEquals(Optional.empty(), s.panel(p.panel().id()));
        assertEquals(Optional.empty(), s.authenticate(p.panel().id(), p.secret().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void anotherProcessSeesCodesAndRevocationsWithinTheRecheckPeriod() throws Exception {
        PairingStore service = store();
        PairingStore commandLine = store();
        PairingStore.NewCode code = commandLine.newCode(PanelRole.TRAINER, Optional.of("bar phone"), "rig panel-pair",
                PairingStore.DEFAULT_CODE_LIFETIME);
        PairingStore.Paired p = service.redeem(code.code(), "ignored: the technician named it");
        assertEquals("bar phone", p.panel().name());
        assertEquals("rig panel-pair", p.panel().pairedBy());

        assertTrue(service.panel(p.panel().id()).isPresent());
        assertTrue(commandLine.revoke(p.panel().id()));
        nanos.addAndGet(PairingStore.RECHECK_MS * 1_000_000L);
        assertEquals(Optional.empty(), service.panel(p.panel().id()), "revoked from the command line");
    }

    @Test
    void pairedIdsNeverTakeARigFilePanelsIdAndNeverRepeat() throws Exception {
        PairingStore s = store();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ids.add(s.redeem(s.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                    PairingStore.DEFAULT_CODE_LIFETIME).code(), "phone " + i).panel().id());
        }
        assertEquals(20, ids.size());
        assertFalse(ids.contains("trainer-tablet"));
    }

    @Test
    void aDeviceNameMustBeShortAndOnOneLine() throws Exception {
        PairingStore s = store();
        assertThrows(IllegalArgumentException.class, () -> s.newCode(PanelRole.TRAINER, Optional.of("two\nlines"),
                "test", PairingStore.DEFAULT_CODE_LIFETIME));
        PairingStore.Paired p = s.redeem(s.newCode(PanelRole.TRAINER, Optional.empty(), "test",
                PairingStore.DEFAULT_CODE_LIFETIME).code(), "x".repeat(200));
        assertEquals("phone", p.panel().name(), "a name the device gave that is not one is replaced");
    }
}
