package org.imageguard.filter.logging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * A logger of the drop-in jar's relocated SLF4J that hands every line to a logger of the web application's own
 * SLF4J (found by {@link HostLogging}), so that the filter's lines land in the application's log format. Calls go
 * through reflection: the host's classes are not the relocated ones this jar was compiled against.
 */
final class HostLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient Object target;
    private final transient HostLogging.Methods methods;

    HostLogger(String name, Object target, HostLogging.Methods methods) {
        this.name = name;
        this.target = target;
        this.methods = methods;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        return (Boolean) call(methods.isEnabled(level));
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
        if (throwable == null) {
            call(methods.log(level), message);
        } else {
            call(methods.logWithThrowable(level), message, throwable);
        }
    }

    private Object call(Method method, Object... arguments) {
        try {
            return method.invoke(target, arguments);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("the web application's SLF4J refused a call to " + method.getName(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("the web application's SLF4J failed: " + cause, cause);
        }
    }
}
