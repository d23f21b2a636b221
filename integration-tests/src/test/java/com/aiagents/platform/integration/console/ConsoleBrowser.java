package com.aiagents.platform.integration.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium on the console for a browser test class (Debian's chromium and chromedriver
 * driven by Selenium; nothing is downloaded): opening pages, signing in, and {@link #check} (a
 * screenshot under target/console-screenshots/ and axe-core in the page: no serious or critical
 * violation).
 */
final class ConsoleBrowser implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private final WebDriver driver;
    private final String baseUrl;
    private final String axe;

    ConsoleBrowser(String baseUrl) throws IOException {
        this.baseUrl = baseUrl;
        this.axe = Files.readString(axeScript());
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement waitFor(By what) {
        return waitFor(what, Duration.ofSeconds(20));
    }

    WebElement waitFor(By what, Duration atMost) {
        return new WebDriverWait(driver, atMost).until(ExpectedConditions.visibilityOfElementLocated(what));
    }

    /** Signs in with the password form as a new browser session (the previous cookies are dropped). */
    void signIn(String email, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** A screenshot of the page, and axe-core on it in the browser: no serious or critical violation. */
    void check(String name) {
        try {
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('error: ' + e); });");
        assertThat(result).isInstanceOf(String.class);
        assertThat((String) result).as("axe-core on " + name).doesNotStartWith("error");
        try {
            List<String> serious = new ArrayList<>();
            for (JsonNode violation : new ObjectMapper().readTree((String) result)) {
                String impact = violation.path("impact").asText();
                if ("serious".equals(impact) || "critical".equals(impact)) {
                    serious.add(violation.path("id").asText() + ": " + violation.path("help").asText());
                }
            }
            assertThat(serious).as("serious accessibility violations on " + name).isEmpty();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The session cookie, as a {@code Cookie} header value for plain HTTP calls. */
    String sessionCookie() {
        org.openqa.selenium.Cookie cookie = driver.manage().getCookieNamed("console_session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        return "console_session=" + cookie.getValue();
    }

    private static Path axeScript() {
        String configured = System.getenv("AXE_CORE_JS");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "ai-agents", "axe-core", "package", "axe.min.js");
        assertThat(path).as("axe-core's axe.min.js (.ci/run fetches it: npm pack axe-core)").exists();
        return path;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
