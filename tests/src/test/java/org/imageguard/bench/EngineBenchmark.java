package org.imageguard.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.github.benmanes.caffeine.cache.Ticker;

import org.imageguard.config.CacheSettings;
import org.imageguard.config.DataSize;
import org.imageguard.config.Policy;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.RewriteResult;
import org.imageguard.http.CompiledPolicy;
import org.imageguard.http.Header;
import org.imageguard.http.ImageGuardPipeline;
import org.imageguard.http.Representation;
import org.imageguard.http.RequestFacts;
import org.imageguard.http.RewriteCache;
import org.imageguard.http.Step;
import org.imageguard.http.Variant;
import org.openjdk.jmh.annotations.AuxCounters;
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

/**
 * The engine's miss path against two references on the same bytes: a plain array copy (memory speed, the ceiling for
 * anything that must produce a new array) and a full ImageIO decode (what a pixel-decoding tool pays at least).
 *
 * <pre>{@code
 * tests/bench/run-jmh.sh        # builds, generates the inputs, runs this class, prints ops/s and bytes/s
 * }</pre>
 *
 * <p>Each benchmark counts the input bytes it processed in the {@code bytes} auxiliary counter, so JMH prints
 * throughput in bytes/s next to ops/s (the {@code ·bytes} rows). {@link #cacheHit} is the other end of the scale: a
 * fresh cache hit through {@link ImageGuardPipeline#begin}, which serves the stored body without copying it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {

    /** One input per format, rewritten with the default policy (privacy strip, DataMining prohibited, XMP merged). */
    @State(Scope.Benchmark)
    public static class Input {
        @Param({"jpeg-12mp", "jpeg-1mp", "png", "webp", "gif"})
        public String image;

        byte[] bytes;
        final ImageGuardEngine engine = new ImageGuardEngine();
        final Policy policy = Policy.DEFAULTS;

        @Setup(Level.Trial)
        public void load() {
            bytes = BenchImages.load(image);
            RewriteResult once = engine.rewrite(bytes, policy);
            if (!once.report().rewritten()) {
                throw new IllegalStateException(image + " was not rewritten: " + once.report());
            }
        }
    }

    /** The formats ImageIO decodes out of the box (no WebP reader in the JDK; GIF decodes its first frame only). */
    @State(Scope.Benchmark)
    public static class Decodable {
        @Param({"jpeg-12mp", "jpeg-1mp", "png", "gif"})
        public String image;

        byte[] bytes;

        @Setup(Level.Trial)
        public void load() {
            bytes = BenchImages.load(image);
            ImageIO.setUseCache(false);
        }
    }

    /** Input bytes processed, reported by JMH as a rate next to ops/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Processed {
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
        }
    }

    @Benchmark
    public RewriteResult rewrite(Input in, Processed processed) {
        processed.bytes += in.bytes.length;
        return in.engine.rewrite(in.bytes, in.policy);
    }

    /** The memory-speed reference: read every input byte once and write a new array of the same size. */
    @Benchmark
    public byte[] arraycopy(Input in, Processed processed) {
        processed.bytes += in.bytes.length;
        return Arrays.copyOf(in.bytes, in.bytes.length);
    }

    /** What "no pixel decode" saves: the full decode a pixel-level tool would start with. */
    @Benchmark
    public Object imageioDecode(Decodable in, Processed processed) throws IOException {
        processed.bytes += in.bytes.length;
        // ImageIO.read closes the stream it creates; with the disk cache off it buffers in memory.
        return ImageIO.read(new ByteArrayInputStream(in.bytes));
    }

    /** A fresh cache hit as the pipeline serves it: policy lookup, key, cache lookup, freshness, response headers. */
    @State(Scope.Benchmark)
    public static class CachedPipeline {
        ImageGuardPipeline pipeline;
        final RequestFacts request = RequestFacts.of("GET", "/images/photo-1mp.jpg")
                .withHeader("Accept", "image/avif,image/webp,*/*")
                .withHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");

        @Setup(Level.Trial)
        public void fill() {
            Policy policy = Policy.DEFAULTS;
            byte[] original = BenchImages.load("jpeg-1mp");
            RewriteResult rewritten = new ImageGuardEngine().rewrite(original, policy);
            RewriteCache cache = new RewriteCache(new CacheSettings(DataSize.ofMegabytes(64), Duration.ofHours(1)),
                    Ticker.systemTicker(), ForkJoinPool.commonPool());
            String fingerprint = CompiledPolicy.of(policy).fingerprint();
            RewriteCache.Key key = new RewriteCache.Key(request.host(), request.url(), fingerprint,
                    Variant.ORIGINAL);
            Representation body = new Representation(rewritten.bytes(), "\"ig-bench\"", "",
                    List.of(new Header("Content-Type", "image/jpeg")));
            cache.getOrCompute(key, "\"origin-v1\"", storedAt -> new RewriteCache.Entry("\"origin-v1\"",
                    "\"origin-v1\"", "", "max-age=60", "", body, rewritten.report(), storedAt,
                    cache.freshFor().toNanos()));
            pipeline = ImageGuardPipeline.builder().rewriter(new ImageGuardEngine()::rewrite).cache(cache).build();
            if (!(pipeline.begin(request) instanceof Step.Respond)) {
                throw new IllegalStateException("the prepared entry is not served as a fresh hit");
            }
        }
    }

    @Benchmark
    public Step cacheHit(CachedPipeline cached) {
        return cached.pipeline.begin(cached.request);
    }
}
