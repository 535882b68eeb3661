package io.github.bedrockposthog.internal.pricing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PriceTableTest {

    private static final Price HAIKU_35 = Price.of(0.80, 4.00, 0.08, 1.00);
    private static final Price LLAMA_31_8B = Price.of(0.22, 0.22);

    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();

    private Path file(String content) throws IOException {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, content.replace('\'', '"'), StandardCharsets.UTF_8);
        return file;
    }

    private PriceTable load(Path file) {
        return PriceTable.load(file.toString(), errors::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "anthropic.claude-3-5-haiku-20241022-v1:0",
            "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            "eu.anthropic.claude-3-5-haiku-20241022-v1:0",
            "apac.anthropic.claude-3-5-haiku-20241022-v1:0",
            "jp.anthropic.claude-3-5-haiku-20241022-v1:0",
            "au.anthropic.claude-3-5-haiku-20241022-v1:0",
            "global.anthropic.claude-3-5-haiku-20241022-v1:0",
            "us-gov.anthropic.claude-3-5-haiku-20241022-v1:0",
            "anthropic.claude-3-5-haiku-20241022-v1",
            "anthropic.claude-3-5-haiku-20241022-v1:7",
            "anthropic.claude-3-5-haiku-20241022-v1:0:200k",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0",
            " anthropic.claude-3-5-haiku-20241022-v1:0 ",
    })
    void everyFormOfAnIdFindsTheBundledPrice(String modelId) {
        assertEquals(HAIKU_35, PriceTable.bundled().lookup(modelId));
    }

    @Test
    void llama31EightBIsPricedAsOnAws() {
        Price price = PriceTable.bundled().lookup("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0");
        assertEquals(LLAMA_31_8B, price);
        assertEquals(0.00066, price.cost(1000, 2000, 0, 0).totalDollars(), 1e-12);
    }

    @Test
    void aVersionlessEntryPricesEveryVersion() {
        PriceTable table = PriceTable.of(Map.of("newlab.model-x-v1", Price.of(1.0, 2.0)));
        assertEquals(Price.of(1.0, 2.0), table.lookup("us.newlab.model-x-v1:3"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "unknown.model-v1:0", "garbage", "arn:aws:bedrock", "meta.", "a/b/c"})
    void unknownModelsHaveNoPrice(String modelId) {
        assertNull(PriceTable.bundled().lookup(modelId));
    }

    @Test
    void applicationInferenceProfilesHaveNoPriceUnlessOverridden() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";
        assertNull(PriceTable.bundled().lookup(arn));
        assertEquals(HAIKU_35, PriceTable.of(Map.of(arn, HAIKU_35)).lookup(arn), "by full ARN");
        assertEquals(HAIKU_35, PriceTable.of(Map.of("a1b2c3d4e5f6", HAIKU_35)).lookup(arn), "by ARN tail");
    }

    @Test
    void opaqueArnsNeverFallThroughToTheBundledTable() {
        // The tail happens to look like a model id, but a custom model is not priced like its base model.
        String arn = "arn:aws:bedrock:us-east-1:123456789012:custom-model/meta.llama3-1-8b-instruct-v1:0/abc123";
        assertNull(PriceTable.bundled().lookup(arn));
    }

    @Test
    void overridesBeatTheBundledTable() {
        Price mine = Price.of(0.5, 0.5);
        PriceTable table = PriceTable.of(Map.of("meta.llama3-1-8b-instruct-v1:0", mine));
        assertEquals(mine, table.lookup("meta.llama3-1-8b-instruct-v1:0"));
        assertEquals(mine, table.lookup("us.meta.llama3-1-8b-instruct-v1:0"));
        assertEquals(HAIKU_35, table.lookup("anthropic.claude-3-5-haiku-20241022-v1:0"), "others stay bundled");
    }

    @Test
    void aGeoProfileOverrideBeatsTheBaseOverride() {
        Price global = Price.of(3.0, 15.0);
        Price us = Price.of(3.3, 16.5);
        Map<String, Price> overrides = new HashMap<>();
        overrides.put("anthropic.claude-sonnet-4-5-20250929-v1:0", global);
        overrides.put("us.anthropic.claude-sonnet-4-5-20250929-v1:0", us);
        PriceTable table = PriceTable.of(overrides);
        assertEquals(us, table.lookup("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals(global, table.lookup("eu.anthropic.claude-sonnet-4-5-20250929-v1:0"));
    }

    @Test
    void aVersionlessOverrideBeatsTheVersionedBundledEntry() {
        Price mine = Price.of(9.0, 9.0);
        PriceTable table = PriceTable.of(Map.of("anthropic.claude-3-5-haiku-20241022-v1", mine));
        assertEquals(mine, table.lookup("anthropic.claude-3-5-haiku-20241022-v1:0"));
    }

    @Test
    void ofToleratesNullsAndEmptiness() {
        assertSame(PriceTable.bundled(), PriceTable.of(null));
        assertSame(PriceTable.bundled(), PriceTable.of(Map.of()));
        Map<String, Price> withNulls = new HashMap<>();
        withNulls.put(null, LLAMA_31_8B);
        withNulls.put("x.y", null);
        assertEquals(HAIKU_35, PriceTable.of(withNulls).lookup("anthropic.claude-3-5-haiku-20241022-v1:0"));
    }

    @Test
    void overrideFileIsReadInUsdPerMillion() throws IOException {
        PriceTable table = load(file("{'models': {"
                + "'anthropic.claude-3-5-haiku-20241022-v1:0': {'input': 1.5, 'output': 6, 'cache_read': 0.15, 'cache_write': 2},"
                + "'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-a': {'input': 0.22, 'output': 0.22}}}"));
        assertEquals(Price.of(1.5, 6.0, 0.15, 2.0), table.lookup("us.anthropic.claude-3-5-haiku-20241022-v1:0"));
        assertEquals(LLAMA_31_8B,
                table.lookup("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/team-a"));
        assertEquals(LLAMA_31_8B, table.lookup("meta.llama3-1-8b-instruct-v1:0"), "bundled still answers");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void noOverrideFileMeansTheBundledTable(String path) {
        assertSame(PriceTable.bundled(), PriceTable.load(path, errors::add));
        assertTrue(errors.isEmpty());
    }

    @Test
    void aMissingFileIsReportedOnceAndTheBundledTableIsUsed() {
        Path missing = dir.resolve("nope.json");
        PriceTable table = load(missing);
        assertSame(PriceTable.bundled(), table);
        assertOneError(missing.toString(), "file not found");
    }

    @Test
    void aDirectoryIsReportedOnce() {
        assertSame(PriceTable.bundled(), load(dir));
        assertOneError(dir.toString(), "directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{'models': ", "{'models': {'a.b': {'input': 1,"})
    void aFileThatIsNotJsonIsReportedOnce(String content) throws IOException {
        Path file = file(content);
        assertSame(PriceTable.bundled(), load(file));
        assertOneError(file.toString(), "not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "{'models': []}", "{'models': 'x'}", "{'prices': {}}", "42"})
    void aFileOfTheWrongShapeIsReportedOnce(String content) throws IOException {
        Path file = file(content);
        assertSame(PriceTable.bundled(), load(file));
        assertOneError(file.toString(), "expected {\"models\"");
    }

    @Test
    void badEntriesAreSkippedAndReportedTogetherInOneError() throws IOException {
        Path file = file("{'models': {"
                + "'meta.llama3-1-8b-instruct-v1:0': {'input': -0.22, 'output': 0.22},"
                + "'meta.llama3-8b-instruct-v1:0': {'input': 'cheap', 'output': 0.6},"
                + "'amazon.nova-lite-v1:0': {'output': 0.24},"
                + "'amazon.nova-pro-v1:0': {'input': 0.8, 'output': 3.2, 'cache_read': -1},"
                + "'cohere.command-r-v1:0': 7,"
                + "'mistral.mistral-7b-instruct-v0:2': {'input': 9, 'output': 9}}}");
        PriceTable table = load(file);
        assertEquals(Price.of(9.0, 9.0), table.lookup("mistral.mistral-7b-instruct-v0:2"), "the good entry is used");
        assertEquals(LLAMA_31_8B, table.lookup("meta.llama3-1-8b-instruct-v1:0"), "a bad entry falls back to bundled");
        assertEquals(1, errors.size(), errors.toString());
        String error = errors.get(0);
        assertTrue(error.contains(file.toString()), error);
        assertTrue(error.contains("skipped 5 bad entries"), error);
        assertTrue(error.contains("\"input\" is negative"), error);
        assertTrue(error.contains("\"input\" is not a number: \"cheap\""), error);
        assertTrue(error.contains("\"input\" is missing"), error);
        assertTrue(error.contains("\"cache_read\" is negative"), error);
        assertTrue(error.contains("cohere.command-r-v1:0"), error);
    }

    private void assertOneError(String path, String problem) {
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains(path), errors.get(0));
        assertTrue(errors.get(0).contains(problem), errors.get(0));
    }

    @Test
    void theSlf4jPathLogsAndStillFallsBack() {
        // Goes through the real logger (io.github.bedrockposthog.pricing); must neither throw nor lose the table.
        PriceTable table = PriceTable.load(dir.resolve("absent.json").toString());
        assertNotNull(table.lookup("meta.llama3-1-8b-instruct-v1:0"));
    }
}
