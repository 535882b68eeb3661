package io.github.bedrockposthog.internal.model;

/**
 * A finished call whose record is built later, off the app's thread: what it holds meanwhile, and how to build it.
 */
public interface PendingCall {

    /** About how much heap the call holds until built (its bodies, its texts); known without building. */
    long heldBytes();

    /** Builds the record; called once. May throw: the caller counts the failure and reports nothing. */
    LlmCall.Builder build();
}
