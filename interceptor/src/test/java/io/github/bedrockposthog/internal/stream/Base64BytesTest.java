package io.github.bedrockposthog.internal.stream;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation-free decoder never disagrees with {@link Base64#getDecoder()}: same bytes, or it declines. */
class Base64BytesTest {

    @Test
    void everyWellFormedEncodingDecodesToTheOriginalBytes() {
        Random random = new Random(7);
        for (int length = 0; length < 200; length++) {
            byte[] original = new byte[length];
            random.nextBytes(original);
            for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getEncoder().withoutPadding()}) {
                byte[] encoded = encoder.encode(original);
                byte[] out = new byte[Base64Bytes.maxDecodedLength(encoded.length)];
                int n = Base64Bytes.decode(encoded, 0, encoded.length, out);
                assertArrayEquals(original, Arrays.copyOf(out, n), "length " + length);

                byte[] quoted = (new String(encoded, StandardCharsets.US_ASCII) + "\",\"p\":\"x\"}").getBytes(StandardCharsets.US_ASCII);
                long result = Base64Bytes.decodeJsonString(quoted, 0, quoted.length, out);
                assertNotEquals(-1L, result);
                assertEquals(encoded.length, (int) (result >>> 32));
                assertArrayEquals(original, Arrays.copyOf(out, (int) result));
            }
        }
    }

    @Test
    void damagedInputIsDeclinedOrDecodedExactlyAsTheJdkDoes() {
        Random random = new Random(11);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\\-_\" \n";
        int agreed = 0;
        for (int round = 0; round < 50_000; round++) {
            byte[] original = new byte[random.nextInt(40)];
            random.nextBytes(original);
            byte[] encoded = Base64.getEncoder().encode(original);
            if (encoded.length > 0 && random.nextBoolean()) {
                encoded[random.nextInt(encoded.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (encoded.length > 0 && random.nextInt(4) == 0) {
                encoded = Arrays.copyOf(encoded, random.nextInt(encoded.length));
            }
            byte[] out = new byte[Base64Bytes.maxDecodedLength(encoded.length) + 3];
            int n = Base64Bytes.decode(encoded, 0, encoded.length, out);
            if (n < 0) {
                continue;
            }
            byte[] jdk = Base64.getDecoder().decode(encoded); // must not throw when we accepted
            assertArrayEquals(jdk, Arrays.copyOf(out, n), new String(encoded, StandardCharsets.ISO_8859_1));
            agreed++;
        }
        assertTrue(agreed > 25_000, "decoded " + agreed);
    }

    @Test
    void aStringWithoutClosingQuoteOrWithOtherCharactersIsDeclined() {
        byte[] out = new byte[64];
        assertEquals(-1L, Base64Bytes.decodeJsonString(bytes("eyJhIjoxfQ=="), 0, 12, out));
        assertEquals(-1L, Base64Bytes.decodeJsonString(bytes("eyJh\\/oxfQ==\""), 0, 14, out));
        assertEquals(-1L, Base64Bytes.decodeJsonString(bytes("eyJhIjoxfQ==x\""), 0, 14, out));
        assertEquals(-1L, Base64Bytes.decodeJsonString(bytes("e\""), 0, 2, out));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
