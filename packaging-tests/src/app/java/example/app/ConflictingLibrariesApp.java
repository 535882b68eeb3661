package example.app;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.posthog.java.PostHog;
import kotlin.KotlinVersion;
import okhttp3.MediaType;
import okhttp3.OkHttp;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;

/**
 * An app with its own, other versions of what bedrock-posthog uses (Jackson, OkHttp, Kotlin, posthog-java), which
 * it really uses before its Bedrock calls: it reports its own analytics once through OkHttp with a body written by
 * its Jackson, once through its posthog-java. args: Bedrock endpoint, PostHog host, the app's PostHog key.
 */
public final class ConflictingLibrariesApp {

    private ConflictingLibrariesApp() {
    }

    public static void main(String[] args) throws IOException {
        URI bedrock = URI.create(args[0]);
        String host = args[1];
        String apiKey = args[2];

        JsonFactory jackson = new JsonFactory();
        System.out.println("app jackson-core " + jackson.version().toString());
        System.out.println("app kotlin-stdlib " + KotlinVersion.CURRENT);

        StringWriter json = new StringWriter();
        try (JsonGenerator g = jackson.createGenerator(json)) {
            g.writeStartObject();
            g.writeStringField("api_key", apiKey);
            g.writeArrayFieldStart("batch");
            g.writeStartObject();
            g.writeStringField("event", "app_event_via_okhttp");
            g.writeStringField("distinct_id", "app-user");
            g.writeObjectFieldStart("properties");
            g.writeStringField("jackson", jackson.version().toString());
            g.writeStringField("okhttp", OkHttp.VERSION);
            g.writeStringField("kotlin", KotlinVersion.CURRENT.toString());
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(host + "/batch/")
                .post(RequestBody.create(json.toString(), MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            System.out.println("app okhttp " + OkHttp.VERSION + " status " + response.code());
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();

        PostHog posthog = new PostHog.Builder(apiKey).host(host).build();
        posthog.capture("app-user", "app_event_via_posthog_java");
        posthog.shutdown();
        System.out.println("app posthog-java event sent");

        int calls = BedrockApp.run(bedrock);
        System.out.println("app calls done: " + calls);
    }
}
