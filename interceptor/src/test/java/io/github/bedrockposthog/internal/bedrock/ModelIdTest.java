package io.github.bedrockposthog.internal.bedrock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIdTest {

    @Test
    void baseIdIsKeptAndSplitIntoProviderAndVersion() {
        ModelId id = ModelId.parse("anthropic.claude-3-5-haiku-20241022-v1:0");
        assertEquals("anthropic.claude-3-5-haiku-20241022-v1:0", id.raw());
        assertEquals("anthropic.claude-3-5-haiku-20241022-v1:0", id.base());
        assertEquals("anthropic.claude-3-5-haiku-20241022-v1", id.withoutVersion());
        assertEquals("anthropic", id.provider());
        assertEquals(ModelFamily.ANTHROPIC, id.family());
        assertFalse(id.opaque());
    }

    @ParameterizedTest
    @ValueSource(strings = {"us.", "eu.", "apac.", "jp.", "au.", "ca.", "us-gov.", "global."})
    void everyGeoPrefixIsStripped(String prefix) {
        ModelId id = ModelId.parse(prefix + "anthropic.claude-sonnet-4-5-20250929-v1:0");
        assertEquals(prefix + "anthropic.claude-sonnet-4-5-20250929-v1:0", id.raw());
        assertEquals("anthropic.claude-sonnet-4-5-20250929-v1:0", id.base());
        assertEquals("anthropic.claude-sonnet-4-5-20250929-v1", id.withoutVersion());
        assertEquals("anthropic", id.provider());
        assertEquals(ModelFamily.ANTHROPIC, id.family());
    }

    @Test
    void anUnknownRegionGroupBeforeAKnownProviderIsStrippedToo() {
        ModelId id = ModelId.parse("mx.meta.llama3-3-70b-instruct-v1:0");
        assertEquals("meta.llama3-3-70b-instruct-v1:0", id.base());
        assertEquals(ModelFamily.META, id.family());
    }

    @Test
    void aKnownGeoPrefixIsStrippedBeforeAProviderWeDoNotKnowYet() {
        ModelId id = ModelId.parse("us.newlab.model-x-v1:0");
        assertEquals("newlab.model-x-v1:0", id.base());
        assertEquals("newlab", id.provider());
        assertEquals(ModelFamily.UNKNOWN, id.family());
    }

    @Test
    void dotsInsideTheModelNameAreNotMistakenForAPrefix() {
        ModelId id = ModelId.parse("us.deepseek.v3.2");
        assertEquals("deepseek.v3.2", id.base());
        assertEquals("deepseek.v3.2", id.withoutVersion());
        assertEquals(ModelFamily.DEEPSEEK, id.family());
        assertEquals("deepseek.v3.2", ModelId.parse("deepseek.v3.2").base());
    }

    @Test
    void foundationModelArnGivesItsTail() {
        ModelId id = ModelId.parse("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-8b-instruct-v1:0");
        assertEquals("meta.llama3-1-8b-instruct-v1:0", id.base());
        assertEquals("meta.llama3-1-8b-instruct-v1", id.withoutVersion());
        assertEquals("meta", id.provider());
        assertEquals(ModelFamily.META, id.family());
        assertFalse(id.opaque());
    }

    @Test
    void inferenceProfileArnGivesItsTailWithoutGeoPrefix() {
        ModelId id = ModelId.parse(
                "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0");
        assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", id.base());
        assertEquals(ModelFamily.ANTHROPIC, id.family());
        assertFalse(id.opaque());
    }

    @Test
    void govCloudPartitionArnIsParsedToo() {
        ModelId id = ModelId.parse(
                "arn:aws-us-gov:bedrock:us-gov-west-1:123456789012:inference-profile/us-gov.anthropic.claude-3-haiku-20240307-v1:0");
        assertEquals("anthropic.claude-3-haiku-20240307-v1:0", id.base());
        assertFalse(id.opaque());
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6, a1b2c3d4e5f6",
            "arn:aws:bedrock:us-east-1:123456789012:imported-model/k7wq3abcde12, k7wq3abcde12",
            "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/x9y8z7, x9y8z7",
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/ab12cd34, ab12cd34",
            "arn:aws:sagemaker:us-east-1:767398002385:endpoint/endpoint-quick-start-idr7y, endpoint-quick-start-idr7y",
    })
    void arnsThatNameNoModelAreOpaque(String arn, String tail) {
        ModelId id = ModelId.parse(arn);
        assertTrue(id.opaque());
        assertEquals(ModelFamily.UNKNOWN, id.family());
        assertEquals(tail, id.base());
        assertNull(id.provider());
        assertEquals(arn, id.raw());
    }

    @ParameterizedTest
    @CsvSource({
            "meta.llama3-1-8b-instruct-v1:0, META",
            "meta.llama2-13b-chat-v1, META",
            "anthropic.claude-v2:1, ANTHROPIC",
            "amazon.titan-text-express-v1, TITAN",
            "amazon.titan-text-premier-v1:0, TITAN",
            "amazon.titan-tg1-large, TITAN",
            "amazon.titan-embed-text-v2:0, TITAN_EMBED",
            "amazon.titan-embed-text-v1, TITAN_EMBED",
            "amazon.titan-embed-image-v1, TITAN_EMBED",
            "amazon.titan-image-generator-v2:0, AMAZON_IMAGE",
            "amazon.nova-canvas-v1:0, AMAZON_IMAGE",
            "amazon.nova-2-multimodal-embeddings-v1:0, NOVA_EMBED",
            "amazon.rerank-v1:0, RERANK",
            "amazon.nova-lite-v1:0, NOVA",
            "amazon.nova-2-lite-v1:0, NOVA",
            "cohere.command-r-v1:0, COHERE_COMMAND_R",
            "cohere.command-r-plus-v1:0, COHERE_COMMAND_R",
            "cohere.command-text-v14, COHERE_COMMAND",
            "cohere.command-light-text-v14, COHERE_COMMAND",
            "cohere.embed-english-v3, COHERE_EMBED",
            "cohere.embed-multilingual-v3, COHERE_EMBED",
            "cohere.embed-v4:0, COHERE_EMBED",
            "cohere.rerank-v3-5:0, RERANK",
            "mistral.mistral-7b-instruct-v0:2, MISTRAL",
            "mistral.mistral-large-2407-v1:0, MISTRAL",
            "ai21.j2-mid-v1, AI21",
            "ai21.jamba-1-5-large-v1:0, AI21",
            "deepseek.r1-v1:0, DEEPSEEK",
            "openai.gpt-oss-120b-1:0, OPENAI",
            "writer.palmyra-x5-v1:0, WRITER",
            "qwen.qwen3-32b-v1:0, QWEN",
            "qwen.qwen3-coder-480b-a35b-v1:0, QWEN",
            "minimax.minimax-m2, MINIMAX",
            "moonshot.kimi-k2-thinking, KIMI",
            "moonshotai.kimi-k2.5, KIMI",
            "zai.glm-4.6, GLM",
            "nvidia.nemotron-nano-12b-v2, NEMOTRON",
            "google.gemma-3-27b-it, GEMMA",
            "stability.sd3-5-large-v1:0, STABILITY",
            "stability.stable-image-ultra-v1:1, STABILITY",
    })
    void familyFollowsProviderAndModelName(String id, ModelFamily family) {
        assertEquals(family, ModelId.parse(id).family());
        assertEquals(family, ModelId.parse("us." + id).family(), "also behind a geo prefix");
    }

    @ParameterizedTest
    @CsvSource({
            "anthropic.claude-3-5-haiku-20241022-v1:0, anthropic.claude-3-5-haiku-20241022-v1",
            "anthropic.claude-v2:1, anthropic.claude-v2",
            "anthropic.claude-3-haiku-20240307-v1:0:48k, anthropic.claude-3-haiku-20240307-v1",
            "amazon.titan-text-express-v1:0:8k, amazon.titan-text-express-v1",
            "amazon.titan-text-express-v1, amazon.titan-text-express-v1",
            "mistral.mistral-7b-instruct-v0:2, mistral.mistral-7b-instruct-v0",
            "odd.model:beta, odd.model:beta",
            "odd.model:1:2, odd.model:1:2",
    })
    void onlyANumericVersionSuffixIsDropped(String id, String withoutVersion) {
        assertEquals(withoutVersion, ModelId.parse(id).withoutVersion());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t"})
    void absentIdsParseToNothing(String raw) {
        ModelId id = ModelId.parse(raw);
        assertEquals(raw, id.raw());
        assertNull(id.base());
        assertNull(id.withoutVersion());
        assertNull(id.provider());
        assertEquals(ModelFamily.UNKNOWN, id.family());
        assertFalse(id.opaque());
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!!", "claude", ".", "..", "us.", ".meta", "arn:", "arn:aws:bedrock",
            "arn:aws:bedrock:us-east-1::foundation-model/", "a/b/c", "meta.", "::::", "us.us.us"})
    void garbageNeverThrowsAndIsUnknown(String raw) {
        ModelId id = ModelId.parse(raw);
        assertNotNull(id);
        assertEquals(raw, id.raw());
        assertEquals(ModelFamily.UNKNOWN, id.family());
    }

    @Test
    void surroundingWhitespaceIsIgnoredButRawIsKept() {
        ModelId id = ModelId.parse("  meta.llama3-8b-instruct-v1:0 ");
        assertEquals("  meta.llama3-8b-instruct-v1:0 ", id.raw());
        assertEquals("meta.llama3-8b-instruct-v1:0", id.base());
    }

    @Test
    void parsingTheSameIdTwiceGivesTheCachedInstance() {
        assertSame(ModelId.parse("amazon.nova-micro-v1:0"), ModelId.parse("amazon.nova-micro-v1:0"));
    }
}
