package org.imageguard.proxy;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls an action when the configuration file changes. Watches the file's directory (editors replace files by
 * renaming, which a watch on the file itself would miss) and waits until events stop for a moment, so one save that
 * writes in several steps reloads once.
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

    private ConfigWatcher(WatchService service, Path file, Runnable action) {
        this.service = service;
        this.thread = new Thread(() -> watch(file.getFileName(), action), "imageguard-config-watcher");
        thread.setDaemon(true);
    }

    public static ConfigWatcher start(Path file, Runnable action) throws IOException {
        Path absolute = file.toAbsolutePath();
        WatchService service = FileSystems.getDefault().newWatchService();
        absolute.getParent().register(service, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        ConfigWatcher watcher = new ConfigWatcher(service, absolute, action);
        watcher.thread.start();
        return watcher;
    }

    private void watch(Path name, Runnable action) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean ours = concerns(key, name);
                // Debounce: drain what follows within the quiet period.
                for (WatchKey next; (next = service.poll(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                    ours |= concerns(next, name);
                }
                if (ours) {
                    action.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("configuration watcher stopped");
        } catch (RuntimeException e) {
            LOG.error("configuration watcher failed; reload with SIGHUP", e);
        }
    }

    private static boolean concerns(WatchKey key, Path name) {
        boolean ours = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
        }
        key.reset();
        return ours;
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
