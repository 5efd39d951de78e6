package org.imageguard.proxy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in demo site: resources under a class-path folder (e.g. {@code demo/}), served with the same rules as
 * a directory. A class path cannot tell a folder from a file reliably, so only names with an extension are files and
 * a trailing slash names the folder's {@code index.html}. Resources are small and read once.
 *
 * <pre>{@code
 * SiteRoot demo = new ClasspathRoot("demo/");
 * demo.find(List.of(), true); // Found(demo/index.html)
 * }</pre>
 */
final class ClasspathRoot implements SiteRoot {

    /** Class-path resources do not change while the process runs: its start is their modification time. */
    private static final Instant LOADED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private final String folder;
    private final ClassLoader loader = ClasspathRoot.class.getClassLoader();
    private final Map<String, StaticFile> files = new ConcurrentHashMap<>();

    ClasspathRoot(String folder) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    @Override
    public Lookup find(List<String> segments, boolean trailingSlash) throws IOException {
        String name = String.join("/", segments);
        if (trailingSlash || segments.isEmpty()) {
            name = name.isEmpty() ? "index.html" : name + "/index.html";
        } else if (!segments.get(segments.size() - 1).contains(".")) {
            return new Missing();
        }
        Optional<StaticFile> file = load(folder + name);
        return file.<Lookup>map(Found::new).orElseGet(Missing::new);
    }

    private Optional<StaticFile> load(String resource) throws IOException {
        StaticFile cached = files.get(resource);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty(); // misses are not cached: hostile names must not fill memory
            }
            byte[] bytes = in.readAllBytes();
            String fileName = resource.substring(resource.lastIndexOf('/') + 1);
            StaticFile file = new StaticFile(fileName, bytes.length, LOADED, "\"" + sha256(bytes) + "\"",
                    () -> new ByteArrayInputStream(bytes));
            files.put(resource, file);
            return Optional.of(file);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String describe() {
        return "demo";
    }
}
