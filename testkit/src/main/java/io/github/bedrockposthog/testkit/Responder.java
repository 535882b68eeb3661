package io.github.bedrockposthog.testkit;

/**
 * Decides the {@link BedrockEmulator}'s answer to a request that no scripted reply claimed. Called on server
 * threads, possibly concurrently. {@link Responders} has the built-in ones.
 */
@FunctionalInterface
public interface Responder {

    /**
     * Answers one request.
     *
     * @param request what the client sent
     * @return the answer; an exception thrown here becomes a 500 InternalServerException
     */
    EmulatorReply respond(EmulatedRequest request);
}
