package com.lianarig.tools.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's chromedriver (never Selenium Manager: it would download
 * drivers), headless, with a fresh profile per browser: one phone or tablet of the studio.
 *
 * <p>The two sizes of SPEC 6a: a phone (390 x 844) and a tablet (1024 x 768), set as the page's CSS
 * viewport through device metrics so the layout is exactly that size.
 */
final class Chromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** The browser's nice value. */
    static final int NICE = 3;

    /** A screen size in CSS pixels, with its name for screenshots. */
    record Size(String name, int width, int height, boolean touch) {
        static final Size PHONE = new Size("phone", 390, 844, true);
        static final Size TABLET = new Size("tablet", 1024, 768, true);
    }

    private final ChromeDriver driver;
    private final Path profile;
    final Size size;

    private Chromium(ChromeDriver driver, Path profile, Size size) {
        this.driver = driver;
        this.profile = profile;
        this.size = size;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /**
     * @param extraArgs more Chromium switches (e.g. to trust a test certificate)
     */
    static Chromium start(Size size, String... extraArgs) throws IOException {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile = Files.createTempDirectory("chromium-profile-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(niceBinary(profile).toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=Translate,MediaRouter",
                "--user-data-dir=" + profile, "--window-size=" + size.width() + "," + (size.height() + 200));
        options.addArguments(extraArgs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort().withSilent(true).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width(), "height",
                size.height(), "deviceScaleFactor", 1, "mobile", size.width() < 600));
        if (size.touch()) {
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        }
        return new Chromium(driver, profile, size);
    }

    /**
     * Chromium a little below normal CPU priority: a trainer's phone is another machine, never the
     * rig's, so on this shared test machine the browser must not take the rig service's CPU (its
     * threads run at nice -10 or real-time, {@link WebRig}); but not at the bottom either, or its page
     * falls behind the rig's telemetry under other builds' load and its enables arrive stale.
     */
    private static Path niceBinary(Path dir) throws IOException {
        Path wrapper = dir.resolve("chromium-nice");
        Files.writeString(wrapper, "#!/bin/sh\nexec nice -n " + NICE + " " + BINARY + " \"$@\"\n");
        wrapper.toFile().setExecutable(true);
        return wrapper;
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
                for (Path p : all) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temp profile left behind is harmless
            }
        }
    }

    Dimension viewport() {
        Object w = driver.executeScript("return [window.innerWidth, window.innerHeight]");
        List<?> wh = (List<?>) w;
        return new Dimension(((Number) wh.get(0)).intValue(), ((Number) wh.get(1)).intValue());
    }
}
