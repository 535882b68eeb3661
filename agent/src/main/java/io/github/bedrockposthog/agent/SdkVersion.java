package io.github.bedrockposthog.agent;

/** An AWS SDK release number, {@code major.minor.patch}, as the SDK states it in {@code VersionInfo.SDK_VERSION}. */
final class SdkVersion {

    private static final String VERSION_INFO = "software.amazon.awssdk.core.util.VersionInfo";

    private final int[] parts;
    private final String text;

    private SdkVersion(int[] parts, String text) {
        this.parts = parts;
        this.text = text;
    }

    /** The version of the SDK that {@code sdkLoader} sees; null if it states none we can read. */
    static SdkVersion of(ClassLoader sdkLoader) {
        try {
            Object value = Class.forName(VERSION_INFO, false, sdkLoader).getField("SDK_VERSION").get(null);
            return value instanceof String ? parse((String) value) : null;
        } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
            return null;
        }
    }

    /** Parses the leading {@code a.b.c} of {@code text}; throws IllegalArgumentException otherwise. */
    static SdkVersion parse(String text) {
        String[] pieces = text.trim().split("[.-]", 4);
        if (pieces.length < 3) {
            throw new IllegalArgumentException("not an SDK version: " + text);
        }
        int[] parts = new int[3];
        for (int i = 0; i < 3; i++) {
            parts[i] = Integer.parseInt(pieces[i]);
        }
        return new SdkVersion(parts, text.trim());
    }

    boolean isOlderThan(SdkVersion other) {
        for (int i = 0; i < 3; i++) {
            if (parts[i] != other.parts[i]) {
                return parts[i] < other.parts[i];
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
