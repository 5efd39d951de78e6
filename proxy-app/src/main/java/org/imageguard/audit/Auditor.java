package org.imageguard.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.imageguard.batch.Failures;
import org.imageguard.engine.ImageFormatException;
import org.imageguard.engine.ImageGuardEngine;
import org.imageguard.engine.inspect.ProtectionInspector;
import org.imageguard.engine.inspect.ProtectionReport;

/**
 * Inspects files and URLs for {@code inspect}: reads the bytes (from disk or over HTTP), asks the engine for the
 * metadata records and {@link ProtectionInspector} for what they mean. Never throws for a bad input: every problem
 * ends up in {@link Inspection#error()}.
 *
 * <pre>{@code
 * Inspection photo = new Auditor().inspect("photos/a.jpg");
 * Inspection page = new Auditor().inspect("https://example.com/a.jpg");
 * }</pre>
 */
public final class Auditor {

    /** Files larger than this are not read into memory to be inspected. */
    private static final long MAX_FILE = 256L * 1024 * 1024;

    private final ImageGuardEngine engine = new ImageGuardEngine();
    private final ProtectionInspector inspector = new ProtectionInspector();
    private final UrlProbe probe;

    public Auditor() {
        this(new UrlProbe());
    }

    Auditor(UrlProbe probe) {
        this.probe = probe;
    }

    /** A file path, or an {@code http://} / {@code https://} URL. */
    public Inspection inspect(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://") ? inspectUrl(input) : inspectFile(input);
    }

    private Inspection inspectFile(String input) {
        try {
            Path file = Path.of(input);
            if (Files.isDirectory(file)) {
                return new Inspection(input, null, null, "is a directory");
            }
            if (Files.size(file) > MAX_FILE) {
                return new Inspection(input, null, null, "larger than " + MAX_FILE / (1024 * 1024) + " MB");
            }
            return image(input, Files.readAllBytes(file), null);
        } catch (IOException | RuntimeException e) {
            return new Inspection(input, null, null, Failures.describe(e));
        }
    }

    private Inspection inspectUrl(String input) {
        UrlProbe.Fetched fetched;
        try {
            URI url = new URI(input);
            if (url.getHost() == null) {
                return new Inspection(input, null, null, "not a URL with a host");
            }
            fetched = probe.fetch(url);
        } catch (java.net.URISyntaxException e) {
            return new Inspection(input, null, null, "not a valid URL: " + e.getReason());
        } catch (IOException | RuntimeException e) {
            return new Inspection(input, null, null, Failures.describe(e));
        }
        HttpSignals signals = fetched.signals();
        if (signals.status() >= 400) {
            // An error page's body is not the image: report the signals and the failure.
            return new Inspection(input, null, signals, "HTTP " + signals.status());
        }
        return image(input, fetched.body(), signals);
    }

    private Inspection image(String input, byte[] bytes, HttpSignals http) {
        try {
            ProtectionReport report = inspector.inspect(engine.read(bytes));
            return new Inspection(input, report, http, null);
        } catch (ImageFormatException e) {
            return new Inspection(input, null, http, e.getMessage());
        } catch (RuntimeException e) {
            return new Inspection(input, null, http, "internal error: " + Failures.describe(e));
        }
    }
}
