package io.github.bedrockposthog.cli;

/** A failure the command reports as one line on stderr, with its exit code. Never carries the API key. */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    /** PostHog answered with an unexpected status or body. */
    static final int API_ERROR = 1;
    /** Bad command line or missing configuration. */
    static final int USAGE = 2;
    /** 401 / 403: the personal API key was rejected or lacks a scope. */
    static final int NOT_ALLOWED = 3;
    /** 404: no such project (or not PostHog's app host). */
    static final int NOT_FOUND = 4;
    /** The host could not be reached at all. */
    static final int UNREACHABLE = 5;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
