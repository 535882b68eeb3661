package io.github.bedrockposthog.internal.json;

import io.github.bedrockposthog.testkit.RecordedExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lean reader must never disagree with {@link Json#parse(byte[])}: for every document it either gives the same
 * tree or says {@link ScratchJson#UNSUPPORTED}, so the general parser decides.
 */
class ScratchJsonTest {

    private static final String[] DOCUMENTS = {
        "{\"generation\":\" chickpeas\",\"prompt_token_count\":null,\"generation_token_count\":5,\"stop_reason\":null}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
        "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"caf\\u00e9 \\\"quoted\\\"\\n\\t\\\\ \\/ \\b\\f\\r\"},\"p\":\"abc\"}",
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":null}],\"usage\":{\"prompt_tokens\":12}}",
        "{\"outputs\":[{\"text\":\"Bonjour ⚡ 日本語 𝄞\",\"stop_reason\":\"stop\"}]}",
        "{\"a\":[],\"b\":{},\"c\":[[1,2],[3,[4,{\"d\":true}]]],\"e\":false,\"f\":null}",
        "{\"n\":[0,-0,7,-12,123456789012345678,-123456789012345678,1.5,-0.25,1e5,2E-3,6.02e+23]}",
        "  {\"ws\" : [ 1 , 2 ] , \"x\" :\t\"y\" }\n",
        "{\"dup\":1,\"other\":2,\"dup\":3}",
        "{\"surrogates\":\"\\ud83d\\ude00 and a lone \\ud800\"}",
        "[1,\"two\",{\"three\":3}]",
        "\"just a string\"",
        "42",
        "true",
        "null",
        "{\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":38,\"outputTokenCount\":1000,\"invocationLatency\":2150}}",
        "{\"generation\":\"" + "long ".repeat(100) + "\"}",
        "{\"k" + "e".repeat(80) + "y\":1}",
    };

    /** Documents the general parser handles one way or another and the lean one must not misread. */
    private static final String[] TRICKY = {
        "", " ", "{", "}", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":1,}", "{,}", "[1,]", "[", "{\"a\" 1}",
        "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":1x}",
        "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":\"unterminated}", "{\"a\":\"bad \\x escape\"}",
        "{\"a\":\"bad \\u12G4\"}", "{\"a\":\"tab\tinside\"}", "{a:1}", "{'a':1}", "{\"a\":1} trailing",
        "{\"a\":1}{\"b\":2}", "[1] 2", "{\"big\":1234567890123456789}", "{\"bigger\":123456789012345678901234567890}",
        "{\"neg\":-9223372036854775808}", "NaN", "{\"a\":NaN}", "{\"a\":Infinity}", "/* c */ {}", "{\"a\":1 /* c */}",
        "[" + "[".repeat(70) + "]".repeat(70) + "]",
    };

    private static final String PUNCTUATION = "{}[]\",:\\ 0-.eEtfnu";

    private final ScratchJson scratch = new ScratchJson();

    @Test
    void commonDocumentsAreReadLeanAndGiveTheGeneralParsersTree() {
        for (String doc : DOCUMENTS) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            Object lean = scratch.parse(bytes, 0, bytes.length);
            assertNotSame(ScratchJson.UNSUPPORTED, lean, doc);
            assertEquals(Json.parse(bytes), lean, doc);
        }
    }

    @Test
    void trickyDocumentsAreEitherReadTheSameOrLeftToTheGeneralParser() {
        for (String doc : TRICKY) {
            assertAgrees(doc.getBytes(StandardCharsets.UTF_8));
        }
        assertAgrees(new byte[] {'"', (byte) 0xC3, '"'}); // truncated UTF-8
        assertAgrees(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}); // a surrogate in UTF-8
        assertAgrees(new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}); // overlong
        assertAgrees(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}); // beyond U+10FFFF
        assertAgrees(new byte[] {'"', (byte) 0xFF, '"'});
    }

    @Test
    void aDocumentInsideALargerArrayIsReadFromItsRangeOnly() {
        byte[] bytes = "xx{\"a\":[1,2]}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(Json.parse("{\"a\":[1,2]}"), scratch.parse(bytes, 2, bytes.length - 4));
    }

    @Test
    void readersFindMembersWithLiteralKeys() {
        byte[] bytes = DOCUMENTS[0].getBytes(StandardCharsets.UTF_8);
        Object tree = scratch.parse(bytes, 0, bytes.length);
        assertEquals(" chickpeas", Json.string(tree, "generation"));
        assertEquals(5L, Json.number(tree, "generation_token_count"));
        assertTrue(Json.object(tree).containsKey("stop_reason"));
        assertEquals(null, Json.at(tree, "missing"));
        tree = scratch.parse(bytes, 0, bytes.length); // from the key cache the second time
        assertEquals(" chickpeas", Json.string(tree, "generation"));
    }

    @Test
    void theTreeIsReusedFromOneDocumentToTheNext() {
        byte[] first = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] second = "{\"b\":2}".getBytes(StandardCharsets.UTF_8);
        Object one = scratch.parse(first, 0, first.length);
        Object two = scratch.parse(second, 0, second.length);
        assertSame(one, two);
        assertEquals(Map.of("b", 2L), two);
    }

    @Test
    void randomlyDamagedDocumentsNeverGiveADifferentTree() {
        Random random = new Random(20261127L);
        List<byte[]> seeds = new ArrayList<>();
        for (String doc : DOCUMENTS) {
            seeds.add(doc.getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> recorded = fixtureDocuments();
        assertTrue(recorded.size() >= 50, "recorded fixture seeds: " + recorded.size());
        seeds.addAll(recorded);
        int lean = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] doc = seeds.get(random.nextInt(seeds.size())).clone();
            int damage = random.nextInt(4);
            for (int i = 0; i < damage && doc.length > 0; i++) {
                int at = random.nextInt(doc.length);
                switch (random.nextInt(4)) {
                    case 0: doc[at] = (byte) random.nextInt(256); break;
                    case 1: doc[at] = (byte) PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())); break;
                    case 2: doc = java.util.Arrays.copyOf(doc, at); break;
                    default: doc[at] = (byte) (0x80 | random.nextInt(64)); break;
                }
            }
            if (assertAgrees(doc)) {
                lean++;
            }
        }
        assertTrue(lean > 5_000, "the lean reader should read most documents itself, read " + lean);
    }

    @Test
    void stringMemberFindsWhatTheGeneralParserFinds() {
        String[] docs = {
            "{\"bytes\":\"eyJhIjoxfQ==\",\"p\":\"abcdef\"}",
            "{\"p\":\"x\",\"bytes\":\"eyJhIjoxfQ==\"}",
            " { \"bytes\" : \"eyJhIjoxfQ==\" } ",
            "{\"bytes\":\"eyJhIjoxfQ==\",\"nested\":{\"bytes\":\"no\"},\"list\":[1,{\"x\":\"\\n\"}]}",
            "{\"p\":\"x\"}", "{}", "{\"bytes\":12}", "{\"bytes\":null}", "{\"bytes\":\"a\",\"bytes\":\"b\"}",
            "{\"bytes\":\"a\",\"bytes\":1}", "{\"bytes\":\"es\\/caped\"}", "{\"bytes\":\"é\"}", "[\"bytes\"]",
            "{\"bytes\":\"x\"", "{\"bytes\":\"x\"} extra", "{\"b\\u0079tes\":\"x\"}", "{\"bytes\":\"x\",}", "",
        };
        for (String doc : docs) {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            String expected = Json.string(Json.parse(bytes), "bytes");
            long range = scratch.stringMember(bytes, 0, bytes.length, "bytes".getBytes(StandardCharsets.US_ASCII));
            if (range == ScratchJson.UNREADABLE) {
                continue;
            }
            String actual = range == ScratchJson.NOT_FOUND ? null
                    : new String(bytes, (int) (range >>> 32), (int) range - (int) (range >>> 32), StandardCharsets.US_ASCII);
            assertEquals(expected, actual, doc);
        }
        byte[] plain = docs[0].getBytes(StandardCharsets.UTF_8);
        assertNotEquals(ScratchJson.UNREADABLE, scratch.stringMember(plain, 0, plain.length,
                "bytes".getBytes(StandardCharsets.US_ASCII)));
    }

    /** True when the lean reader read the document itself. */
    private boolean assertAgrees(byte[] doc) {
        Object lean = scratch.parse(doc, 0, doc.length);
        if (lean == ScratchJson.UNSUPPORTED) {
            return false;
        }
        assertEquals(Json.parse(doc), lean, () -> new String(doc, StandardCharsets.UTF_8));
        return true;
    }

    /** Every JSON body of the recorded fixtures (requests and non-stream responses), as further seeds. */
    private static List<byte[]> fixtureDocuments() {
        List<byte[]> docs = new ArrayList<>();
        for (RecordedExchange exchange : RecordedExchange.loadAll()) {
            if (exchange.requestBody() != null) {
                docs.add(exchange.requestBody().getBytes(StandardCharsets.UTF_8));
            }
            if (!exchange.isStream()) {
                docs.add(exchange.responseBody());
            }
        }
        return docs;
    }
}
