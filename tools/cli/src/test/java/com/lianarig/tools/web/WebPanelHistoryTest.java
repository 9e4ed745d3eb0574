package com.lianarig.tools.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lianarig.config.SpineSegment;
import com.lianarig.config.profile.Exercise;
import com.lianarig.config.profile.SessionHistoryStore;
import com.lianarig.config.profile.SessionRecord;
import com.lianarig.config.rig.PanelRole;
import com.lianarig.config.store.NioFileOps;
import com.lianarig.controller.core.Mode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * The client's session history on the web panel in Chromium (SPEC 6a, "the session history"), against
 * the service on the virtual rig: a client with a course behind her, written to the rig's store as the
 * service's session recorder writes it, is picked by name on a phone and a tablet; the panel shows her
 * last {@value com.lianarig.controller.web.ClientHistory#SHOWN} sessions newest first, each with its
 * aims and heights, holds, repetitions, stops and the trainer's note; a session run on the rig now (attach,
 * strap out) comes on top as soon as she is strapped out. A browser nobody paired sees neither names nor
 * history. The screen is photographed at both sizes (target/panel-screenshots, current ones in docs/panel),
 * and so is a tab standing by because the panel was opened again in another tab of the same device.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPanelHistoryTest {
    /** Anna K. in the demo studio's names. */
    static final String CLIENT = "c-0042";
    static final String NAME = "Anna K.";
    /** Sessions on record before the test: more than the panel shows. */
    static final int SEEDED = 12;
    /** The course's first session: one a week, the newest a week ago, at 09:00. */
    static final Instant FIRST = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(7L * SEEDED))
            .plus(Duration.ofHours(9));
    static final String NEWEST_NOTE = "pain at L5, stopped";
    static final String OLDEST_NOTE = "first visit, nervous";

    private WebRig rig;
    private RigWatch watch;
    private Chromium phoneBrowser;
    private Chromium tabletBrowser;
    private PanelPage phone;
    private PanelPage tablet;

    @BeforeAll
    void start() throws Exception {
        assertTrue(Chromium.installed(), "the browser tests need Debian's chromium and chromium-driver");
        rig = WebRig.start();
        watch = new RigWatch(rig);
        seedCourse(new SessionHistoryStore(rig.rig().paths().profilesDir(), new NioFileOps()));
        phoneBrowser = Chromium.start(Chromium.Size.PHONE);
        tabletBrowser = Chromium.start(Chromium.Size.TABLET);
        phone = new PanelPage(phoneBrowser);
        tablet = new PanelPage(tabletBrowser);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {phoneBrowser, tabletBrowser, watch, rig}) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** Session {@code n} of the course, one a week; the height rises by 5 mm a session. */
    static Instant startOf(int n) {
        return FIRST.plus(Duration.ofDays(7L * (n - 1)));
    }

    static double aimedMm(int n) {
        return 1000 + 5 * n;
    }

    /**
     * A course of {@value #SEEDED} sessions, as the session recorder writes them: an aim at L4-L5, a program
     * of two holds (the newest one's second hold cut short by a STOP, with the trainer's note).
     */
    private static void seedCourse(SessionHistoryStore store) throws Exception {
        for (int n = 1; n <= SEEDED; n++) {
            Instant at = startOf(n);
            double secondHoldS = n == SEEDED ? 21.5 : 30;
            SessionRecord r = SessionRecord.open(CLIENT, n, at)
                    .withAim(new SessionRecord.Aim(30, Exercise.INVERTED_HANG, SpineSegment.L4_L5, aimedMm(n)))
                    .withHold(new SessionRecord.Hold(60, SpineSegment.L4_L5, 1, 2, 30, 30, aimedMm(n) - 40))
                    .withHold(new SessionRecord.Hold(120, SpineSegment.L4_L5, 2, 2, 30, secondHoldS, aimedMm(n) - 40));
            if (n == 1) {
                r = r.withNote(new SessionRecord.Note(200, at.plusSeconds(200), "trainer-tablet", OLDEST_NOTE));
            }
            if (n == SEEDED) {
                r = r.withStop(new SessionRecord.Stop(141.5, "STOP from trainer-tablet"))
                        .withNote(new SessionRecord.Note(150, at.plusSeconds(150), "trainer-tablet", NEWEST_NOTE));
            }
            store.save(r.ended(new SessionRecord.Ending(at.plusSeconds(600), "detached")));
        }
    }

    /** The sessions on the page, top to bottom: their start times (ms since the epoch). */
    @SuppressWarnings("unchecked")
    private static List<Long> shownStarts(PanelPage p) {
        List<Object> starts = (List<Object>) p.driver().executeScript(
                "return [...document.querySelectorAll('#history li.session')].map(e => Number(e.dataset.startedAtMs))");
        List<Long> out = new ArrayList<>();
        for (Object o : starts) {
            out.add(((Number) o).longValue());
        }
        return out;
    }

    private static String session(PanelPage p, int index) {
        return p.driver().findElements(By.cssSelector("#history li.session")).get(index).getText();
    }

    private void pickClient(PanelPage p) {
        p.tab("client");
        p.waitUntil("the client names", () -> p.text("client-list").contains(NAME));
        // the list is drawn again when the rig's answer comes (the tab asks for it on opening): a button
        // found just before may be gone; the finger taps the one on screen
        p.waitUntil("the client tapped", () -> {
            try {
                p.driver().findElement(By.cssSelector("[data-client='" + CLIENT + "']")).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    @Test
    void theHistoryScreenShowsTheClientsLastSessionsNewestFirstWithWhatHappened() throws Exception {
        phone.open(rig.url());
        phone.pair(rig.newCode(PanelRole.TRAINER), "trainer phone");
        tablet.open(rig.url());
        tablet.pair(rig.newCode(PanelRole.TRAINER), "trainer tablet");

        List<Long> expected = new ArrayList<>();
        for (int n = SEEDED; n > SEEDED - 10; n--) {
            expected.add(startOf(n).toEpochMilli());
        }
        for (PanelPage p : List.of(phone, tablet)) {
            pickClient(p);
            p.waitUntil("ten sessions", () -> shownStarts(p).size() == 10);
            assertEquals(expected, shownStarts(p), p.size().name() + ": the last ten, newest first");
            String newest = session(p, 0);
            assertTrue(newest.contains("Head down in the leg straps"), newest);
            assertTrue(newest.contains("Aimed at L4-L5 at " + Math.round(aimedMm(SEEDED)) + " mm"), newest);
            assertTrue(newest.contains("2 holds (30.0 s, 21.5 s), 2 repetitions"), newest);
            assertTrue(newest.contains("Stopped: STOP from trainer-tablet"), newest);
            assertTrue(newest.contains("Note: " + NEWEST_NOTE), newest);
            String older = session(p, 1);
            assertTrue(older.contains("Aimed at L4-L5 at " + Math.round(aimedMm(SEEDED - 1)) + " mm"), older);
            assertTrue(older.contains("2 holds (30.0 s, 30.0 s), 2 repetitions"), older);
            assertFalse(older.contains("Stopped"), "a session without a stop says none: " + older);
            assertFalse(p.text("history").contains(OLDEST_NOTE), "the first session is past the last ten");
            assertTrue(p.text("history").contains("newest first"), p.text("history"));
            p.driver().executeScript("document.getElementById('history').scrollIntoView({block: 'start'})");
            WebPanelSessionTest.assertGlanceable(p, "history");
            p.screenshot(WebPanelSessionTest.SHOTS.resolve(p.size().name() + "-history.png"));
        }

        // a session now: attached and strapped out again; it comes on top, the oldest shown goes
        Scenarios.run(rig, watch, "a session for the history", () -> {
            long from = System.currentTimeMillis();
            phone.takeCommand();
            pickClient(phone);
            phone.tap("attach");
            phone.waitUntil("ATTACHING", () -> rig.controller().status().mode() == Mode.ATTACHING,
                    Duration.ofSeconds(5));
            phone.tap("detach");
            phone.waitUntil("strapped out", () -> rig.controller().status().clientId().isEmpty(), Duration.ofSeconds(5));
            // the screen was open all along: it reads the history again by itself, no tap needed
            phone.waitUntil("today's session on top", () -> {
                List<Long> shown = shownStarts(phone);
                return shown.size() == 10 && shown.get(0) >= from - 1_000;
            }, Duration.ofSeconds(5));
            String today = session(phone, 0);
            assertTrue(today.contains("No aim") && today.contains("No program"), today);
            assertEquals(startOf(SEEDED).toEpochMilli(), (long) shownStarts(phone).get(1), "the course's newest next");
            phone.tap("release-command");
        });

        // the panel opened again on the same device: the first tab stands by (photographed at both sizes)
        for (PanelPage p : List.of(phone, tablet)) {
            String first = p.driver().getWindowHandle();
            p.driver().switchTo().newWindow(WindowType.TAB);
            String second = p.driver().getWindowHandle();
            try {
                p.open(rig.url());
                p.waitUntil("the second tab's panel", () -> p.displayed("app"));
                p.driver().switchTo().window(first);
                p.waitUntil("the first tab standing by", () -> p.displayed("elsewhere"));
                WebPanelSessionTest.assertGlanceable(p, "other-tab");
                p.screenshot(WebPanelSessionTest.SHOTS.resolve(p.size().name() + "-other-tab.png"));
            } finally {
                p.driver().switchTo().window(second);
                p.driver().close();
                p.driver().switchTo().window(first);
            }
        }
    }

    @Test
    void aBrowserNobodyPairedSeesNoClientNamesNorHistory() throws Exception {
        try (Chromium strangerBrowser = Chromium.start(Chromium.Size.PHONE)) {
            PanelPage stranger = new PanelPage(strangerBrowser);
            stranger.open(rig.url());
            stranger.waitUntil("the pairing screen", () -> stranger.displayed("pairing"));
            assertFalse(stranger.displayed("app"), "the panel stays closed to an unpaired browser");
            String page = stranger.driver().getPageSource();
            assertFalse(page.contains(NAME) || page.contains(NEWEST_NOTE), "names or history on the pairing page");
            for (String auth : new String[] {null, "Bearer web-aaaaaa:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Bearer " + CLIENT}) {
                for (String path : new String[] {"/api/clients", "/api/clients/" + CLIENT + "/history"}) {
                    Object answer = stranger.driver().executeAsyncScript("const [path, auth, done] = arguments;"
                            + "fetch(path, {headers: auth ? {Authorization: auth} : {}})"
                            + ".then(r => r.text().then(t => done(r.status + ' ' + t)));", path, auth);
                    String a = String.valueOf(answer);
                    assertTrue(a.startsWith("401 "), path + " with " + auth + ": " + a);
                    assertFalse(a.contains(NAME) || a.contains("L4-L5") || a.contains(NEWEST_NOTE), a);
                }
            }
        }
    }
}
