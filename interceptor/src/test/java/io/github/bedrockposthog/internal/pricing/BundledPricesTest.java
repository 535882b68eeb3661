package io.github.bedrockposthog.internal.pricing;

import io.github.bedrockposthog.internal.json.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated table: parses cleanly, carries the DESIGN §3 corrections, and has no float noise. */
class BundledPricesTest {

    private static byte[] bytes() throws IOException {
        try (InputStream in = PriceTable.class.getResourceAsStream(PriceTable.BUNDLED_RESOURCE)) {
            assertNotNull(in, "bundled price table on the classpath");
            return in.readAllBytes();
        }
    }

    private static Object tree() throws IOException {
        return Json.parse(bytes());
    }

    @Test
    void everyEntryIsValid() throws IOException {
        PriceFile.Result parsed = PriceFile.parse(bytes());
        assertTrue(parsed.problems().isEmpty(), parsed.problems().toString());
        assertEquals(Json.object(Json.at(tree(), "models")).size(), PriceTable.bundled().bundledSize());
        assertTrue(PriceTable.bundled().bundledSize() >= 90, "a few hundred LiteLLM rows give ~100 Bedrock models");
    }

    @Test
    void pricesAreCleanDecimals() throws IOException {
        for (Map.Entry<String, Object> model : Json.object(Json.at(tree(), "models")).entrySet()) {
            assertCleanDecimals(model.getKey(), Json.object(model.getValue()));
        }
    }

    private static void assertCleanDecimals(String where, Map<String, Object> fields) {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (field.getValue() instanceof Map) {
                assertCleanDecimals(where + "." + field.getKey(), Json.object(field.getValue()));
            } else if (field.getValue() instanceof Number) {
                BigDecimal value = new BigDecimal(field.getValue().toString());
                assertTrue(value.stripTrailingZeros().precision() <= 6, where + "." + field.getKey() + " = " + value);
            }
        }
    }

    /** {@code <model id>}, {@code <geo>.<model id>} or {@code <region>/<model id>}: nothing else. */
    private static final Pattern KEY = Pattern.compile(
            "((us-gov|us|eu|apac|jp|au|ca|global)\\.|[a-z]{2}(-gov)?-[a-z]+-\\d/)?[a-z0-9]+\\.[^/@\\s]+");

    @Test
    void keysAreBedrockIdsOfOneRoute() throws IOException {
        for (String id : Json.object(Json.at(tree(), "models")).keySet()) {
            assertTrue(KEY.matcher(id).matches(), id);
        }
    }

    @Test
    void routeRowsAreKeptWhereTheyDiffer() throws IOException {
        Map<String, Object> models = Json.object(Json.at(tree(), "models"));
        long regional = models.keySet().stream().filter(k -> k.contains("/")).count();
        long geo = models.keySet().stream().filter(k -> k.matches("(us-gov|us|eu|apac|jp|au|ca|global)\\..*")).count();
        assertTrue(regional >= 70, "regional rows kept: " + regional);
        assertTrue(geo >= 60, "geographic and global rows kept: " + geo);
        // Every route row belongs to a base entry that lists its routes (else the row would be redundant).
        for (String key : models.keySet()) {
            String base = key.contains("/") ? key.substring(key.indexOf('/') + 1)
                    : key.matches("(us-gov|us|eu|apac|jp|au|ca|global)\\..*") ? key.substring(key.indexOf('.') + 1) : null;
            if (base != null && models.containsKey(base)) {
                assertEquals("listed", Json.string(models.get(base), "routes"), key);
            }
        }
    }

    @Test
    void designCorrectionsAreApplied() {
        PriceTable table = PriceTable.bundled();
        assertEquals(Price.of(0.72, 0.72), table.lookup("meta.llama3-1-70b-instruct-v1:0"));
        assertEquals(Price.of(0.22, 0.22), table.lookup("meta.llama3-1-8b-instruct-v1:0"));
        assertEquals(Price.of(0.30, 0.60), table.lookup("meta.llama3-8b-instruct-v1:0"));
        assertEquals(Price.of(0.20, 0.60), table.lookup("amazon.titan-text-express-v1"));
        assertEquals(Price.of(0.15, 0.20), table.lookup("amazon.titan-text-lite-v1"));
        for (String nova : new String[] {"amazon.nova-micro-v1:0", "amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0",
                "amazon.nova-premier-v1:0", "amazon.nova-2-lite-v1:0"}) {
            Price price = table.lookup(nova);
            assertEquals(price.input() * 0.25, price.cacheRead(), 1e-12, nova + " cache reads cost 25% of input");
        }
    }

    @Test
    void everyRecordedFixtureModelWithAPublicPriceIsInTheTable() {
        for (String id : new String[] {"ai21.j2-mid-v1", "anthropic.claude-v2:1", "anthropic.claude-3-sonnet-20240229-v1:0",
                "anthropic.claude-3-5-haiku-20241022-v1:0", "amazon.titan-text-express-v1", "cohere.command-text-v14",
                "meta.llama2-13b-chat-v1", "meta.llama3-70b-instruct-v1:0", "meta.llama3-2-1b-instruct-v1:0",
                "amazon.nova-lite-v1:0", "us.amazon.nova-lite-v1:0",
                "us.anthropic.claude-3-7-sonnet-20250219-v1:0"}) {
            assertNotNull(PriceTable.bundled().lookup(id), id);
        }
    }
}
