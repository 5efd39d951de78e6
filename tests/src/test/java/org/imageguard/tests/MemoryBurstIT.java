package org.imageguard.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imageguard.testing.ExifTool;
import org.imageguard.testing.ExternalTool;
import org.imageguard.testing.PrivateMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is bounded by the heap, not by the load: the packaged proxy ({@code imageguard.jar}, failsafe's system
 * property {@code imageguard.proxyJar}) runs in its own JVM at {@code -Xmx256m} with nothing but an origin set, and
 * takes bursts of 48 parallel first requests for distinct 8–12 MB JPEGs carrying GPS and a serial number. Every
 * answer is a whole protected image (no GPS, plus:DataMining present, read back by metadata-extractor) or a 503
 * with {@code Retry-After}; never a 500, an empty reply, an unprotected original, or an OutOfMemoryError in the
 * log, and {@code /healthz} still says ok at the end. The same holds when every image needs pixel work (a resize and a
 * watermark of 12-megapixel photos, whose decoded pixels alone take more than the in-flight budget).
 */
class MemoryBurstIT {

    private static final int PARALLEL = 48;
    private static final int BURSTS = 3;
    private static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    private static final Pattern SERVING = Pattern.compile("Serving on (http://[^/\\s]+)/");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path temp;

    private Process proxy;
    private final StringBuffer log = new StringBuffer();

    @AfterEach
    void stopProxy() throws InterruptedException {
        if (proxy != null) {
            proxy.destroy();
            if (!proxy.waitFor(20, TimeUnit.SECONDS)) {
                proxy.destroyForcibly();
            }
        }
    }

    @Test
    void burstsOfLargeFirstRequestsAtA256MegabyteHeapGetProtectedImagesOr503NeverAnErrorOrAnOriginal()
            throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        List<Path> bases = List.of(noisyJpegWithGps(2900, "a"), noisyJpegWithGps(3500, "b"));
        ExifTool exiftool = ExifTool.require();
        byte[] sample = Files.readAllBytes(bases.get(0));
        assertThat(PrivateMetadata.keysIn(exiftool.allTags(sample))).as("the originals carry GPS and a serial")
                .isNotEmpty();
        for (int i = 0; i < PARALLEL; i++) {
            Files.write(root.resolve("img" + i + ".jpg"), distinct(Files.readAllBytes(bases.get(i % 2)), i));
        }
        String base = start(root, null);

        Map<String, Integer> outcomes = new TreeMap<>();
        for (int burst = 0; burst < BURSTS; burst++) {
            // A query the static origin ignores makes each burst's URLs (and cache keys) new: all misses.
            burst(base, "?burst=" + burst, 0, outcomes);
        }
        assertThat(outcomes.keySet()).as("outcomes %s; log:%n%s", outcomes, log)
                .isSubsetOf("200 miss", "200 hit", "503 busy");
        assertThat(outcomes.getOrDefault("200 miss", 0)).as("most are rewritten, not refused: %s", outcomes)
                .isGreaterThan(PARALLEL);
        assertNoOutOfMemory();
    }

    /**
     * 48 parallel first requests for distinct 4000×3000 photos (about 9 MB of noisy JPEG at quality 95, GPS and a
     * serial number) under a policy that resizes them to 1600 wide and watermarks them: each decode holds about
     * 100 MB of pixels at a 256 MB heap. Every 200 is resized and protected, the rest 503 with Retry-After.
     */
    @Test
    void parallelFirstRequestsNeedingPixelWorkAtA256MegabyteHeapGetTransformedImagesOr503() throws Exception {
        Path root = Files.createDirectories(temp.resolve("root"));
        Path photo = cachedPhoto(4000, 3000);
        byte[] sample = Files.readAllBytes(photo);
        assertThat(sample.length).as("a large photo").isGreaterThan(7_000_000);
        assertThat(PrivateMetadata.keysIn(ExifTool.require().allTags(sample))).as("the original carries GPS")
                .isNotEmpty();
        for (int i = 0; i < PARALLEL; i++) {
            Files.write(root.resolve("img" + i + ".jpg"), distinct(sample, i));
        }
        Path config = Files.writeString(temp.resolve("pixels.yaml"), """
                optimize:
                  max-width: 1600
                watermark:
                  enabled: true
                  text: "© Example"
                """);
        String base = start(root, config);

        Map<String, Integer> outcomes = new TreeMap<>();
        burst(base, "", 1600, outcomes);
        System.out.println("pixel burst outcomes: " + outcomes);
        assertThat(outcomes.keySet()).as("outcomes %s; log:%n%s", outcomes, log).isSubsetOf("200 miss", "503 busy");
        assertThat(outcomes.getOrDefault("200 miss", 0)).as("some are transformed: %s", outcomes).isPositive();
        assertNoOutOfMemory();
    }

    /**
     * A noisy {@code width × height} JPEG at quality 95 with GPS and a serial number, made once into target/ (it
     * takes ImageMagick a while) and reused by later runs.
     */
    private static Path cachedPhoto(int width, int height) throws IOException {
        Path file = Path.of("target", "pixel-burst", "photo-" + width + "x" + height + ".jpg").toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            Files.createDirectories(file.getParent());
            Path part = file.resolveSibling(file.getFileName() + ".part");
            ExternalTool.runOk(List.of(ExternalTool.require("convert").toString(), "-size", width + "x" + height,
                    "xc:gray", "-seed", "7", "+noise", "Random", "-quality", "95", "jpg:" + part), new byte[0]);
            tagPrivate(part);
            Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return file;
    }

    private String adminBase;

    /** No OutOfMemoryError in the proxy's log, and {@code /healthz} still says ok. */
    private void assertNoOutOfMemory() throws Exception {
        assertThat(log.toString()).doesNotContain("OutOfMemoryError").doesNotContain("out of memory");
        HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(adminBase + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    /** {@link #PARALLEL} requests at once, /img0.jpg{query} and on, each answer checked and counted by outcome. */
    private static void burst(String base, String query, int maxWidth, Map<String, Integer> outcomes)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                URI uri = URI.create(base + "/img" + i + ".jpg" + query);
                answers.add(pool.submit(() -> fetchAndCheck(CLIENT, uri, maxWidth)));
            }
            for (Future<String> answer : answers) {
                outcomes.merge(answer.get(3, TimeUnit.MINUTES), 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One request: a whole protected JPEG (at most {@code maxWidth} wide unless 0), or 503 with Retry-After; anything
     * else fails with what it was.
     */
    private static String fetchAndCheck(HttpClient client, URI uri, int maxWidth) throws Exception {
        HttpResponse<InputStream> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return "no answer: " + e;
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            return response.statusCode() + " cut off: " + e;
        }
        // Which stage a body is (protected, or optimised in the background) does not matter here: protection does.
        String label = response.headers().firstValue("X-ImageGuard").orElse("-").replaceFirst(";stage=[a-z-]+$", "");
        if (response.statusCode() == 503) {
            boolean proper = response.headers().firstValue("Retry-After").isPresent()
                    && response.headers().firstValue("Cache-Control").orElse("").contains("no-store");
            return proper ? "503 " + label : "503 without Retry-After/no-store";
        }
        if (response.statusCode() != 200) {
            return response.statusCode() + " " + new String(body, 0, Math.min(200, body.length),
                    StandardCharsets.UTF_8);
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (body.length == 0 || body.length != declared) {
            return "200 with " + body.length + " of " + declared + " bytes";
        }
        Metadata metadata = ImageMetadataReader.readMetadata(new java.io.ByteArrayInputStream(body));
        if (metadata.getFirstDirectoryOfType(GpsDirectory.class) != null) {
            return "200 " + label + " carrying GPS";
        }
        XmpDirectory xmp = metadata.getFirstDirectoryOfType(XmpDirectory.class);
        if (xmp == null || xmp.getXMPMeta().getPropertyString(PLUS, "DataMining") == null) {
            return "200 " + label + " without plus:DataMining";
        }
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        if (maxWidth > 0 && (jpeg == null || jpeg.getImageWidth() > maxWidth)) {
            return "200 " + label + " not resized";
        }
        return "200 " + label;
    }

    /** The proxy at -Xmx256m with default settings but for its origin, started on free ports. */
    private String start(Path root, Path config) throws Exception {
        String jar = System.getProperty("imageguard.proxyJar");
        assertThat(jar).as("system property imageguard.proxyJar (set by tests/pom.xml's failsafe)").isNotBlank();
        int adminPort = freePort();
        adminBase = "http://127.0.0.1:" + adminPort;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-jar", jar, "serve", "--root",
                root.toString(), "--port", "0", "--admin-port", Integer.toString(adminPort)));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        proxy = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (InputStream in = proxy.getInputStream()) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    line.write(b);
                    if (b == '\n') {
                        log.append(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        for (int i = 0; i < 600 && proxy.isAlive(); i++) {
            Matcher serving = SERVING.matcher(log);
            if (serving.find()) {
                return serving.group(1);
            }
            Thread.sleep(100); // waiting for a child process to print, not timing the code under test
        }
        throw new AssertionError("the proxy did not start:\n" + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A JPEG of random pixels (incompressible, so the rewritten copy is as large as the original) of {@code side}²
     * pixels at quality 97, about 8 MB for 2900 and 12 MB for 3500, with GPS and a serial number set by exiftool.
     */
    private Path noisyJpegWithGps(int side, String name) {
        Path file = temp.resolve(name + ".jpg");
        ExternalTool.runOk(List.of(ExternalTool.require("convert").toString(), "-size", side + "x" + side,
                "xc:gray", "-seed", Integer.toString(side), "+noise", "Random", "-quality", "97", file.toString()),
                new byte[0]);
        tagPrivate(file);
        return file;
    }

    /** GPS and a serial number, set by exiftool: what must never reach a visitor. */
    private static void tagPrivate(Path file) {
        ExternalTool.runOk(List.of(ExifTool.require().executable(), "-q", "-overwrite_original",
                "-GPSLatitude=48.8566", "-GPSLatitudeRef=N", "-GPSLongitude=2.3522", "-GPSLongitudeRef=E",
                "-SerialNumber=SN-0042", file.toString()), new byte[0]);
    }

    /** The same image made distinct by a COM segment right after SOI naming its number. */
    private static byte[] distinct(byte[] jpeg, int number) {
        byte[] text = ("copy " + number).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xD8;
        out[2] = (byte) 0xFF;
        out[3] = (byte) 0xFE;
        out[4] = 0;
        out[5] = (byte) (text.length + 2);
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }
}
