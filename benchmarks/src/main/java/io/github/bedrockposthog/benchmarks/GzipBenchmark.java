package io.github.bedrockposthog.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The delivery thread's gzip of one {@code /batch} request body at two deflate levels: 100 varied events (the
 * project's golden events, both schemas, every model family; compacted as the sink writes them), joined as
 * {@code BatchSender} joins them. Time per operation is per 100 events; the setup prints each level's size.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:-BackgroundCompilation"})
public class GzipBenchmark {

    private static final int EVENTS = 100;
    private static final byte[] PREFIX = "{\"api_key\":\"phc_bench\",\"sent_at\":\"2026-12-01T10:00:00Z\",\"batch\":["
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.UTF_8);

    /** 1 is what the sink uses since 2026-12-01, 6 the JDK's default it used before. */
    @Param({"1", "6"})
    public int level;

    /** The golden events, relative to the benchmarks module. */
    @Param("../interceptor/src/test/resources/golden-events")
    public String events;

    private final List<byte[]> batch = new ArrayList<>();

    @Setup(Level.Trial)
    public void load() throws IOException {
        JsonFactory json = new JsonFactory();
        List<byte[]> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(Paths.get(events))) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        for (Path file : files) {
            try (JsonParser p = json.createParser(file.toFile())) {
                if (p.nextToken() != JsonToken.START_ARRAY) {
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    ByteArrayOutputStream compact = new ByteArrayOutputStream();
                    try (JsonGenerator g = json.createGenerator(compact)) {
                        g.copyCurrentStructure(p);
                    }
                    all.add(compact.toByteArray());
                }
            }
        }
        if (all.isEmpty()) {
            throw new IllegalStateException("no golden events under " + Paths.get(events).toAbsolutePath());
        }
        long raw = PREFIX.length + SUFFIX.length;
        for (int i = 0; i < EVENTS; i++) { // every 3rd, so the batch spans the families rather than one file's two schemas
            byte[] event = all.get((i * 3) % all.size());
            batch.add(event);
            raw += event.length + 1;
        }
        int gzipped = gzip().length;
        System.out.printf(Locale.ROOT, "[gzip] level %d: %d events, %d bytes of JSON, %d gzipped (%.1f%%)%n",
                level, EVENTS, raw, gzipped, 100.0 * gzipped / raw);
    }

    @Benchmark
    public byte[] gzip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (OutputStream gzip = new LeveledGzip(bytes, level)) {
            gzip.write(PREFIX);
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    gzip.write(',');
                }
                gzip.write(batch.get(i));
            }
            gzip.write(SUFFIX);
        }
        return bytes.toByteArray();
    }

    /** A gzip stream at a chosen deflate level, as the sink's. */
    private static final class LeveledGzip extends GZIPOutputStream {
        LeveledGzip(OutputStream out, int level) throws IOException {
            super(out, 8192);
            def.setLevel(level);
        }
    }
}
