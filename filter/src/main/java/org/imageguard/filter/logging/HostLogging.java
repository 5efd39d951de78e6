package org.imageguard.filter.logging;

import java.lang.reflect.Method;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The web application's (or the container's) own SLF4J, seen from the drop-in jar whose SLF4J is relocated. Its
 * class names are assembled at run time: the shade plugin would otherwise relocate them along with ours, and the
 * host's SLF4J would never be found.
 *
 * <pre>{@code
 * Optional<HostLogging> host = HostLogging.find(classLoader);    // empty: no SLF4J, or one without a binding
 * Logger logger = host.get().logger("org.imageguard.filter.ImageGuardFilter");
 * }</pre>
 */
final class HostLogging {

    /** "org.slf4j", spelled so that relocation leaves it alone. */
    private static final String PACKAGE = String.join(".", "org", "slf4j");

    private final Method getLogger;
    private final Methods methods;

    private HostLogging(Method getLogger, Methods methods) {
        this.getLogger = getLogger;
        this.methods = methods;
    }

    /** The host's SLF4J if {@code loader} sees one with a real binding (not SLF4J's no-operation fallback). */
    static Optional<HostLogging> find(ClassLoader loader) {
        try {
            Class<?> factory = Class.forName(PACKAGE + ".LoggerFactory", true, loader);
            if (factory == org.slf4j.LoggerFactory.class) {
                return Optional.empty(); // not relocated (the plain jar): SLF4J is the host's already
            }
            return connect(factory, loader);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The SLF4J whose LoggerFactory is {@code factory}, if it has a binding. */
    static Optional<HostLogging> connect(Class<?> factory, ClassLoader loader) {
        try {
            Object loggers = factory.getMethod("getILoggerFactory").invoke(null);
            if (loggers.getClass().getName().endsWith(".NOPLoggerFactory")) {
                return Optional.empty();
            }
            Class<?> logger = Class.forName(PACKAGE + ".Logger", false, loader);
            return Optional.of(new HostLogging(factory.getMethod("getLogger", String.class), new Methods(logger)));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return Optional.empty();
        }
    }

    Logger logger(String name) {
        try {
            return new HostLogger(name, getLogger.invoke(null, name), methods);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the web application's SLF4J gave no logger for " + name, e);
        }
    }

    /** The host Logger's methods by level, looked up once. */
    static final class Methods {
        private final Map<Level, Method> isEnabled = new EnumMap<>(Level.class);
        private final Map<Level, Method> log = new EnumMap<>(Level.class);
        private final Map<Level, Method> logWithThrowable = new EnumMap<>(Level.class);

        Methods(Class<?> logger) throws NoSuchMethodException {
            for (Level level : Level.values()) {
                String word = level.name().toLowerCase(Locale.ROOT);
                String capitalised = Character.toUpperCase(word.charAt(0)) + word.substring(1);
                isEnabled.put(level, logger.getMethod("is" + capitalised + "Enabled"));
                log.put(level, logger.getMethod(word, String.class));
                logWithThrowable.put(level, logger.getMethod(word, String.class, Throwable.class));
            }
        }

        Method isEnabled(Level level) {
            return isEnabled.get(level);
        }

        Method log(Level level) {
            return log.get(level);
        }

        Method logWithThrowable(Level level) {
            return logWithThrowable.get(level);
        }
    }
}
