package io.github.bedrockposthog.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The real pages in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded): a user generates a recipe, sees a failure explained, and watches the insights move.
 */
class RecipePageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static RecipeApp app;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing + "; CI must install them (.ci/run)");
            }
            Assumptions.assumeTrue(false, "browser test skipped: " + missing);
        }
        app = TestApps.startOffline(0);
        profile = Files.createTempDirectory("recipe-chromium-");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,1100");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    void aUserGeneratesARecipeSeesAFailureExplainedAndWatchesTheInsightsMove() throws Exception {
        String base = TestApps.base(app).toString();
        browser.get(base + "/");
        WebElement mode = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("mode")));
        assertTrue(mode.getText().contains("Local Bedrock emulator"), mode.getText());

        browser.findElement(By.id("email")).sendKeys("gina@example.com");
        browser.findElement(By.id("ingredients")).sendKeys("chicken, broccoli, garlic, soy sauce");
        browser.findElement(By.id("generate")).click();

        WebElement recipe = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("recipe")));
        String expected = new OfflineRecipeWriter().write("chicken, broccoli, garlic, soy sauce");
        assertEquals(expected.lines().findFirst().orElseThrow(), recipe.findElement(By.tagName("h2")).getText());
        List<String> steps = recipe.findElements(By.cssSelector("ol li")).stream().map(WebElement::getText).toList();
        assertTrue(steps.size() >= 4 && steps.stream().anyMatch(s -> s.contains("chicken")), steps.toString());
        assertTrue(recipe.findElements(By.cssSelector("ul li")).stream().anyMatch(li -> li.getText().contains("soy sauce")));
        waiting().until(ExpectedConditions.elementToBeClickable(By.id("generate")));
        screenshot("recipe-page.png");

        app.emulator().enqueueError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
        browser.findElement(By.id("generate")).click();
        WebElement error = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        assertTrue(error.getText().startsWith("Failed to generate recipe."), error.getText());
        assertTrue(!recipe.isDisplayed(), "the old recipe is not shown under a failure");

        browser.findElement(By.linkText("Insights")).click();
        waiting().until(ExpectedConditions.textToBe(By.id("generation_count"), "1"));
        waiting().until(ExpectedConditions.textToBe(By.id("error_rate"), "50.0%"));
        waiting().until(d -> d.findElements(By.cssSelector("#charts svg")).size() == 5);
        assertTrue(text("avg_cost_per_call_usd").startsWith("$0.0000"), text("avg_cost_per_call_usd"));
        assertTrue(text("avg_response_time_ms").endsWith(" ms"), text("avg_response_time_ms"));

        assertEquals(200, TestApps.generate(app, "hugo@example.com", "salmon, potatoes, asparagus").statusCode());
        waiting().until(ExpectedConditions.textToBe(By.id("generation_count"), "2"));
        waiting().until(ExpectedConditions.textToBe(By.id("error_rate"), "33.3%"));
        assertEquals("2 unique users", text("unique_users"));
        screenshot("insights-page.png");

        List<LogEntry> problems = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(e -> !e.getMessage().contains("/api/generate-recipe")) // the 500 we asked for
                .collect(Collectors.toList());
        assertTrue(problems.isEmpty(), "browser console errors: " + problems);
    }
}
