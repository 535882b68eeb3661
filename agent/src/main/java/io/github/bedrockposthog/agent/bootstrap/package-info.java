/** The agent's bootstrap-class-path bridge between the woven SDK and the agent. Internal, not an API. */
package io.github.bedrockposthog.agent.bootstrap;
