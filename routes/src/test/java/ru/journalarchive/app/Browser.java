package ru.journalarchive.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.selenium.AxeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through its chromedriver (STACK.md: root needs --no-sandbox, and a
 * fresh profile with Chromium's own connections switched off). Screenshots go to target/ui/.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "ui");

    final ChromeDriver driver;
    private final String base;
    private final Path profile;

    Browser(int port) throws Exception {
        this.base = "http://127.0.0.1:" + port;
        this.profile = Files.createTempDirectory("chromium-");
        var options = new ChromeOptions();
        options.setBinary(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900", "--lang=ru-RU",
                "--user-data-dir=" + profile);
        var logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    /** Runs {@code source} in every page before the page's own scripts (a fake plug-in at the boundary). */
    void beforeEveryPage(String source) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    }

    Browser open(String path) {
        driver.get(base + path);
        return this;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    Browser signIn(String username, String password) {
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        // The next step must not race the sign-in's own redirect.
        await(Duration.ofSeconds(15), d -> !path().equals("/login") || !all("[role=alert]").isEmpty());
        return this;
    }

    Browser signOut() {
        driver.findElement(By.cssSelector("header form button")).click();
        return this;
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    /** The element once the page shows it: the answer to a submitted upload comes when the server has checked it. */
    WebElement shown(String css) {
        return await(Duration.ofSeconds(30), d -> all(css).stream().findFirst().orElse(null));
    }

    /** Waits for the condition; on timeout the failure shows the page's text and its console. */
    <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            var console = driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                    .map(Object::toString).toList();
            throw new AssertionError("waited " + timeout + " on " + path() + "\npage: " + find("body").getText()
                    + "\nconsole: " + String.join("\n", console), e);
        }
    }

    /**
     * Clicks a control that sends the page away and waits until the answer has replaced it. Not by the
     * old page's element going stale: while the old document goes, Chromium may answer a question about
     * that element with an error of its own ("Node with given id does not belong to the document").
     */
    void clickAndAwaitNextPage(String css, Duration timeout) {
        script("window.jaLeaving = true");
        find(css).click();
        await(timeout, d -> {
            try {
                return Boolean.TRUE.equals(driver.executeScript("return window.jaLeaving === undefined && document.readyState === 'complete'"))
                        ? Boolean.TRUE : null;
            } catch (org.openqa.selenium.WebDriverException e) {
                return null; // asked while the old document was going
            }
        });
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /** axe-core over the page as it stands: no serious or critical violation (WCAG 2.1 A and AA rules). */
    Browser accessible() {
        var results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze(driver);
        var bad = results.getViolations().stream().filter(v -> List.of("serious", "critical").contains(v.getImpact()))
                .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getTarget().toString()).toList())
                .toList();
        assertThat(bad).as("axe-core on %s", path()).isEmpty();
        return this;
    }

    Browser screenshot(String name) throws Exception {
        return screenshot(name, driver.manage().window().getSize().getWidth());
    }

    /** The whole page at a window {@code width} wide (820: a tablet held upright), not only what the window shows. */
    Browser screenshot(String name, int width) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        var size = driver.manage().window().getSize();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, size.getHeight()));
        long height = (Long) script("return Math.ceil(document.documentElement.scrollHeight);");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, (int) Math.min(height + 140, 6000)));
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.manage().window().setSize(size);
        return this;
    }

    /** The session cookie, for checks made outside the browser with the same sign-in. */
    String sessionCookie() {
        return "JA_SESSION=" + driver.manage().getCookieNamed("JA_SESSION").getValue();
    }

    @Override
    public void close() throws Exception {
        driver.quit();
        org.springframework.util.FileSystemUtils.deleteRecursively(profile);
    }
}
