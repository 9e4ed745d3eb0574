package com.lianarig.tools.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web panel as a trainer's finger sees it, in one Chromium: pairing, tabs, taps, and presses held
 * with a touch pointer (W3C actions: the finger stays down between calls until {@link #lift}).
 */
final class PanelPage {
    private final Chromium browser;
    private final ChromeDriver driver;
    private final PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
    /** A hold spans several WebDriver calls: chromedriver keeps a mouse button's state between them
     * reliably (its touch emulation does not), and the panel handles every kind of pointer alike. */
    private final PointerInput holding = new PointerInput(PointerInput.Kind.MOUSE, "holding");
    private final PointerInput second = new PointerInput(PointerInput.Kind.PEN, "second");

    PanelPage(Chromium browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    ChromeDriver driver() {
        return driver;
    }

    Chromium.Size size() {
        return browser.size;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Pairs with a code and waits for the panel to show the rig. */
    void pair(String code, String deviceName) {
        waitUntil("the pairing screen", () -> displayed("pairing"));
        WebElement c = driver.findElement(By.id("pair-code"));
        c.clear();
        c.sendKeys(code);
        WebElement n = driver.findElement(By.id("pair-name"));
        n.clear();
        n.sendKeys(deviceName);
        driver.findElement(By.id("pair-submit")).click();
        waitUntil("the panel after pairing", () -> displayed("app"));
        waitUntil("the rig's state", () -> !text("mode").equals("Connecting") && !text("mode").equals("No connection"));
    }

    boolean displayed(String id) {
        List<WebElement> e = driver.findElements(By.id(id));
        return !e.isEmpty() && e.get(0).isDisplayed();
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    void tab(String tab) {
        try {
            driver.findElement(By.cssSelector(".tab[data-tab='" + tab + "']")).click();
        } catch (org.openqa.selenium.ElementClickInterceptedException e) {
            try {
                screenshot(Path.of("target", "browser-failures", "tab-" + System.currentTimeMillis() + ".png"));
            } catch (java.io.IOException ignored) {
                // no screenshot
            }
            throw new AssertionError("tab " + tab + " covered; layout: " + driver.executeScript(
                    "return [scrollY, innerHeight, ...['status','banner','reply','tabs','stop'].map(i => i + ' '"
                    + " + JSON.stringify(document.getElementById(i).getBoundingClientRect()))]"), e);
        }
        waitUntil("tab " + tab, () -> tab.equals(driver.findElement(By.tagName("body")).getAttribute("data-tab")));
    }

    void tap(String id) {
        byId(id).click();
    }

    /** Takes command (nothing to do when this panel has it already). */
    void takeCommand() {
        waitUntil("the command line", () -> text("command-owner").length() > 0);
        if (text("command-owner").equals("You have command")) {
            return;
        }
        tap("take-command");
        waitUntil("command", () -> text("command-owner").equals("You have command"));
    }

    /** The element, scrolled into the middle of the screen (a finger touches what it sees). */
    WebElement inView(String id) {
        WebElement e = byId(id);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", e);
        return e;
    }

    /** Puts a finger down on an element (it stays down until {@link #lift}). */
    void press(String id) {
        WebElement e = inView(id);
        Sequence s = new Sequence(holding, 0);
        s.addAction(holding.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(e), 0, 0));
        s.addAction(holding.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** Lifts the finger put down by {@link #press}. */
    void lift() {
        Sequence s = new Sequence(holding, 0);
        s.addAction(holding.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** A finger down on {@code id} that moves away by (dx, dy) CSS pixels at once and lifts: a scroll or a swipe. */
    void swipe(String id, int dx, int dy) {
        WebElement e = inView(id);
        Sequence s = new Sequence(finger, 0);
        s.addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(e), 0, 0));
        s.addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        s.addAction(finger.createPointerMove(Duration.ofMillis(10), PointerInput.Origin.pointer(), dx / 2, dy / 2));
        s.addAction(finger.createPointerMove(Duration.ofMillis(10), PointerInput.Origin.pointer(), dx - dx / 2, dy - dy / 2));
        s.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** A second finger touches {@code id} and lifts again. */
    void secondFingerTap(String id) {
        WebElement e = inView(id);
        Sequence s = new Sequence(second, 0);
        s.addAction(second.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(e), 0, 0));
        s.addAction(second.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        s.addAction(second.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** A finger down and up again after {@code ms}. */
    void tapFor(String id, long ms) {
        WebElement e = inView(id);
        Sequence s = new Sequence(finger, 0);
        s.addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(e), 0, 0));
        s.addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        s.addAction(new org.openqa.selenium.interactions.Pause(finger, Duration.ofMillis(ms)));
        s.addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** Writes a screenshot of the page as it is now. */
    void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /** An attribute of the element {@code id} ("body": the page's body). */
    String attribute(String id, String name) {
        WebElement e = id.equals("body") ? driver.findElement(By.tagName("body")) : byId(id);
        return e.getAttribute(name);
    }

    void waitUntil(String what, java.util.function.BooleanSupplier condition) {
        waitUntil(what, condition, Duration.ofSeconds(10));
    }

    void waitUntil(String what, java.util.function.BooleanSupplier condition, Duration timeout) {
        try {
            new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage("waiting for " + what)
                    .until(d -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            String shot = "";
            try {
                Path file = Path.of("target", "browser-failures", System.currentTimeMillis() + ".png");
                screenshot(file);
                shot = " (screenshot " + file + ")";
            } catch (java.io.IOException | RuntimeException ignored) {
                // no screenshot
            }
            throw new AssertionError("timed out waiting for " + what + "; the page says: mode=" + safeText("mode")
                    + " reply=" + safeText("reply") + " link=" + safeText("link") + " command=" + safeText("command-owner")
                    + " hold=" + safeAttribute("data-hold") + " ended=" + safeAttribute("data-hold-ended") + shot, e);
        }
    }

    private String safeAttribute(String name) {
        try {
            return attribute("body", name);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private String safeText(String id) {
        try {
            return text(id);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
