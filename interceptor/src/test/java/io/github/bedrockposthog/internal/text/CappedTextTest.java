package io.github.bedrockposthog.internal.text;

import org.junit.jupiter.api.Test;

import static io.github.bedrockposthog.internal.text.CappedText.TRUNCATION_MARKER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CappedTextTest {

    @Test
    void textUnderTheCapIsKeptWhole() {
        CappedText text = new CappedText(10);
        text.append("Hello");
        text.append(", ");
        text.append("you");

        assertEquals("Hello, you", text.toString());
        assertEquals(10, text.length());
        assertFalse(text.truncated());
        assertFalse(text.isEmpty());
    }

    @Test
    void textOverTheCapIsCutAtTheCapAndMarked() {
        CappedText text = new CappedText(8);
        text.append("Hello");
        text.append(", world");

        assertEquals("Hello, w" + TRUNCATION_MARKER, text.toString());
        assertEquals(8, text.length());
        assertTrue(text.truncated());
    }

    @Test
    void textStopsGrowingOnceTruncated() {
        CappedText text = new CappedText(3);
        text.append("abcd");
        text.append("efgh");

        assertEquals("abc" + TRUNCATION_MARKER, text.toString());
        assertEquals(3, text.length());
    }

    @Test
    void anAppendThatExactlyFillsTheCapIsNotATruncation() {
        CappedText text = new CappedText(4);
        text.append("ab");
        text.append("cd");
        text.append("");
        text.append(null);

        assertEquals("abcd", text.toString());
        assertFalse(text.truncated());
    }

    @Test
    void aFurtherCharacterAfterAFullCapIsATruncation() {
        CappedText text = new CappedText(4);
        text.append("abcd");
        text.append("e");

        assertTrue(text.truncated());
        assertEquals("abcd" + TRUNCATION_MARKER, text.toString());
    }

    @Test
    void aZeroCapKeepsOnlyTheMarker() {
        CappedText text = new CappedText(0);
        text.append("x");

        assertEquals(TRUNCATION_MARKER, text.toString());
        assertTrue(text.truncated());
        assertFalse(text.isEmpty());
        assertEquals(0, text.length());
    }

    @Test
    void aFreshAccumulatorIsEmpty() {
        CappedText text = new CappedText(5);

        assertTrue(text.isEmpty());
        assertEquals("", text.toString());
        assertFalse(text.truncated());
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        CappedText text = new CappedText(2);
        text.append("a" + emoji);

        assertEquals("a" + TRUNCATION_MARKER, text.toString());
        assertEquals("a" + TRUNCATION_MARKER, CappedText.cap("a" + emoji + "b", 2));
    }

    @Test
    void capLeavesShortStringsUntouched() {
        String s = "short";

        assertSame(s, CappedText.cap(s, 5));
        assertNull(CappedText.cap(null, 5));
        assertFalse(CappedText.wouldTruncate(s, 5));
        assertFalse(CappedText.wouldTruncate(null, 0));
    }

    @Test
    void capCutsLongStringsAndAddsTheMarker() {
        assertEquals("sho" + TRUNCATION_MARKER, CappedText.cap("short", 3));
        assertTrue(CappedText.wouldTruncate("short", 4));
        assertEquals(TRUNCATION_MARKER, CappedText.cap("x", -1));
    }
}
