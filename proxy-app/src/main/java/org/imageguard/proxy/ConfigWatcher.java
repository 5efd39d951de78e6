package org.imageguard.proxy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an action when the configuration file may have changed. Watches the file's directory, not the file: editors
 * replace files by renaming, and a Kubernetes ConfigMap swaps a {@code ..data} symlink without touching the file's
 * own name. So any change in the directory counts (the reload is cheap and ignores an unchanged configuration), and
 * the watcher waits until events stop for a moment, so one save that writes in several steps reloads once.
 *
 * <pre>{@code
 * try (ConfigWatcher watcher = ConfigWatcher.start(Path.of("imageguard.yaml"), reloader::reload)) {
 *     server.join();
 * }
 * }</pre>
 */
public final class ConfigWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long DEBOUNCE_MILLIS = 300;

    private final WatchService service;
    private final Thread thread;

    private ConfigWatcher(WatchService service, Runnable action) {
        this.service = service;
        this.thread = new Thread(() -> watch(action), "imageguard-config-watcher");
        thread.setDaemon(true);
    }

    public static ConfigWatcher start(Path file, Runnable action) throws IOException {
        Path absolute = file.toAbsolutePath();
        WatchService service = FileSystems.getDefault().newWatchService();
        absolute.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        ConfigWatcher watcher = new ConfigWatcher(service, action);
        watcher.thread.start();
        return watcher;
    }

    private void watch(Runnable action) {
        try {
            while (true) {
                drain(service.take());
                // Debounce: drain what follows within the quiet period.
                for (WatchKey next; (next = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    drain(next);
                }
                action.run();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("configuration watcher stopped");
        } catch (RuntimeException e) {
            LOG.error("configuration watcher failed; reload with SIGHUP", e);
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
