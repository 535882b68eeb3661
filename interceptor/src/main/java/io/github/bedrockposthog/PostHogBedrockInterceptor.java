package io.github.bedrockposthog;

import io.github.bedrockposthog.internal.call.Attributes;
import io.github.bedrockposthog.internal.call.CallAttribution;
import io.github.bedrockposthog.internal.call.CallRecord;
import io.github.bedrockposthog.internal.call.CallerScope;
import io.github.bedrockposthog.internal.model.LlmCall;
import io.github.bedrockposthog.internal.model.PendingCall;
import io.github.bedrockposthog.internal.model.Operation;
import io.github.bedrockposthog.internal.runtime.GlobalPipeline;
import io.github.bedrockposthog.internal.runtime.InFlightCalls;
import io.github.bedrockposthog.internal.runtime.Pipeline;
import io.github.bedrockposthog.internal.log.Diagnostics;
import io.github.bedrockposthog.internal.log.RateLimitedLog;
import io.github.bedrockposthog.internal.stream.EventStreamTap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The AWS SDK v2 interceptor that reports Bedrock Runtime calls to PostHog. The SDK loads it by itself from
 * {@code software/amazon/awssdk/services/bedrockruntime/execution.interceptors} (configured from the
 * environment); {@link BedrockPostHog#interceptor()} gives an explicitly configured one.
 *
 * <p>Hooks only route: each catches every {@link Throwable}, so the app's call behaves exactly as without
 * this class, and does no I/O.
 */
public final class PostHogBedrockInterceptor implements ExecutionInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.bedrockposthog");
    private static final ExecutionAttribute<CallRecord> CALL = Attributes.create("io.github.bedrockposthog.CallRecord");
    /** The call's claim on the pipeline that began it, so shutdown waits for its event. */
    private static final ExecutionAttribute<InFlightCalls.Token> IN_FLIGHT =
            Attributes.create("io.github.bedrockposthog.InFlight");
    /**
     * The pipeline that reports the call, fixed when it begins: a configuration closed (and uninstalled) while the
     * call still streams must still receive its event, not whatever pipeline is current by then.
     */
    private static final ExecutionAttribute<Pipeline> REPORTING =
            Attributes.create("io.github.bedrockposthog.ReportingPipeline");
    private static final String SERVICE = "BedrockRuntime";
    private static final RateLimitedLog INTERNAL_ERRORS = new RateLimitedLog(LOG, 60_000);

    /** Null for the zero-code instance, which uses the JVM-wide pipeline. */
    private final Pipeline explicitPipeline;

    /** Zero-code: configured from system properties and environment variables. */
    public PostHogBedrockInterceptor() {
        this.explicitPipeline = null;
    }

    PostHogBedrockInterceptor(Pipeline explicitPipeline) {
        this.explicitPipeline = explicitPipeline;
    }

    private boolean explicit() {
        return explicitPipeline != null;
    }

    private Pipeline pipeline() {
        return explicitPipeline != null ? explicitPipeline : GlobalPipeline.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        try {
            if (!SERVICE.equals(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))) {
                return;
            }
            Operation operation = Operation.of(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            if (operation == null) {
                return;
            }
            CallRecord existing = attributes.getAttribute(CALL);
            if (existing != null) {
                if (explicit() && !existing.explicitOwner()) {
                    existing.takeOver(this); // the explicit configuration wins; still one event
                    moveClaim(attributes);
                }
                return;
            }
            Pipeline pipeline = pipeline();
            if (!pipeline.active()) {
                return;
            }
            CallAttribution attribution = CallAttribution.resolve(attributes.getAttribute(BedrockPostHog.DISTINCT_ID),
                    attributes.getAttribute(BedrockPostHog.PROPERTIES), attributes.getAttribute(BedrockPostHog.TRACE_ID),
                    CallerScope.current(), context.request(), pipeline.hooks()::user, pipeline.hooks().properties(),
                    pipeline.settings().defaultDistinctId());
            CallRecord call = new CallRecord(this, explicit(), System.nanoTime(), operation, context.request(),
                    attribution);
            Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
            call.region(region == null ? null : region.id());
            attributes.putAttribute(CALL, call);
            attributes.putAttribute(REPORTING, pipeline);
            attributes.putAttribute(IN_FLIGHT, pipeline.callStarted());
        } catch (Throwable t) {
            internalError("beforeExecution", t);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            CallRecord call = mine(attributes);
            if (call != null) {
                call.attemptStarted();
                call.httpRequest(context.httpRequest()); // converse fidelity / conformance (#13): $ai_base_url
            }
        } catch (Throwable t) {
            internalError("beforeTransmission", t);
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        try {
            CallRecord call = mine(attributes);
            if (call != null) {
                call.httpResponse(context.httpResponse());
            }
        } catch (Throwable t) {
            internalError("afterTransmission", t);
        }
    }

    @Override
    public Optional<Publisher<ByteBuffer>> modifyAsyncHttpResponseContent(Context.ModifyHttpResponse context,
                                                                         ExecutionAttributes attributes) {
        Optional<Publisher<ByteBuffer>> original = null;
        try {
            original = context.responsePublisher();
            CallRecord call = mine(attributes);
            if (call == null || !original.isPresent() || context.httpResponse() == null
                    || !context.httpResponse().isSuccessful()) {
                return original;
            }
            // Only event streams: a JSON body fed to the frame decoder would fail the app's call.
            String contentType = context.httpResponse().firstMatchingHeader("Content-Type").orElse(null);
            if (!EventStreamTap.isEventStream(contentType)) {
                return original;
            }
            return Optional.of(call.tapStream(original.get(), reporting(attributes).settings().maxTextChars()));
        } catch (Throwable t) {
            internalError("modifyAsyncHttpResponseContent", t);
            return original != null ? original : Optional.<Publisher<ByteBuffer>>empty();
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        try {
            long end = System.nanoTime();
            CallRecord call = mine(attributes);
            if (call == null || !call.finish()) {
                return;
            }
            PendingCall pending = call.pendingSuccess(context.response(), context.httpResponse(), end);
            if (pending != null) {
                reporting(attributes).emit(pending); // built on the delivery thread
            } else {
                reporting(attributes).emit(call.success(context.response(), context.httpResponse(), end));
            }
        } catch (Throwable t) {
            internalError("afterExecution", t);
        } finally {
            endInFlight(attributes);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        try {
            long end = System.nanoTime();
            CallRecord call = mine(attributes);
            if (call == null || !call.finish()) {
                return;
            }
            LlmCall.Builder observation = call.failure(context.exception(),
                    context.httpResponse().orElse(null), end);
            reporting(attributes).emit(observation);
        } catch (Throwable t) {
            internalError("onExecutionFailure", t);
        } finally {
            endInFlight(attributes);
        }
    }

    private boolean privacyMode() {
        try {
            return pipeline().settings().privacyMode();
        } catch (Throwable t) {
            return true; // unknown: withhold
        }
    }

    /** Ends the call's in-flight claim once its reporting interceptor is done with it (or none will report it). */
    private void endInFlight(ExecutionAttributes attributes) {
        try {
            CallRecord call = attributes == null ? null : attributes.getAttribute(CALL);
            InFlightCalls.Token token = attributes == null ? null : attributes.getAttribute(IN_FLIGHT);
            if (token != null && (call == null || call.owner() == this)) {
                token.end();
            }
        } catch (Throwable ignored) {
            // never the app's problem
        }
    }

    /** The explicit configuration took the call over: its pipeline reports it, and its shutdown waits for it. */
    private void moveClaim(ExecutionAttributes attributes) {
        InFlightCalls.Token previous = attributes.getAttribute(IN_FLIGHT);
        attributes.putAttribute(REPORTING, explicitPipeline);
        attributes.putAttribute(IN_FLIGHT, explicitPipeline.callStarted());
        if (previous != null) {
            previous.end();
        }
    }

    /** The pipeline that began (or took over) the call. */
    private Pipeline reporting(ExecutionAttributes attributes) {
        Pipeline p = attributes.getAttribute(REPORTING);
        return p != null ? p : pipeline();
    }

    /** The call record when this instance reports the call, else {@code null}. */
    private CallRecord mine(ExecutionAttributes attributes) {
        CallRecord call = attributes.getAttribute(CALL);
        return call != null && call.owner() == this ? call : null;
    }

    private void internalError(String hook, Throwable t) {
        try {
            pipeline().internalError(); // counted: this call is not reported
        } catch (Throwable ignored) {
            // no pipeline to count in
        }
        try {
            // The class name only at WARN: an exception message might carry request text.
            INTERNAL_ERRORS.warn("bedrock-posthog: internal error in {} ignored, the call is not reported: {}",
                    hook, t.getClass().getName());
            Diagnostics.debug(LOG, privacyMode(), "bedrock-posthog: internal error in {}", hook, t);
        } catch (Throwable ignored) {
            // logging itself failed: nothing more to do without risking the app's call
        }
    }
}
