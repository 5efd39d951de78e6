package org.imageguard.proxy;

import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Slf4jRequestLogWriter;

/**
 * The optional access log ({@code -Dimageguard.access-log=true}): NCSA extended format to the logger
 * {@code imageguard.access}. Jetty 12 writes a missing header inside quotes as nothing ({@code ""}); log tools
 * expect the Apache convention, {@code "-"}, so empty quoted fields (Referer, User-Agent: the request line and the
 * address are never empty) are written as {@code "-"}.
 *
 * <pre>{@code
 * 127.0.0.1 - - [03/Dec/2026:21:17:58 +0000] "GET / HTTP/1.1" 200 3052 "-" "curl/7.88.1"
 * }</pre>
 */
final class AccessLog {

    private AccessLog() {
    }

    static RequestLog toSlf4j() {
        Slf4jRequestLogWriter writer = new Slf4jRequestLogWriter();
        writer.setLoggerName("imageguard.access");
        return new CustomRequestLog(dashForMissing(writer), CustomRequestLog.EXTENDED_NCSA_FORMAT);
    }

    /** {@code target} with every empty quoted field of a line written as {@code "-"}. */
    static RequestLog.Writer dashForMissing(RequestLog.Writer target) {
        return line -> target.write(withDashes(line));
    }

    static String withDashes(String line) {
        return line.replace(" \"\" ", " \"-\" ").replaceAll(" \"\"$", " \"-\"");
    }

    /** For tests and embedding: the same format to any writer. */
    static RequestLog to(RequestLog.Writer target) {
        return new CustomRequestLog(dashForMissing(target), CustomRequestLog.EXTENDED_NCSA_FORMAT);
    }
}
