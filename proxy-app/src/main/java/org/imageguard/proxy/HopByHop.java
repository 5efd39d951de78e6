package org.imageguard.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers that describe one connection rather than the message (RFC 9110 §7.6.1). A proxy removes them in
 * both directions: the fixed set, every {@code Proxy-*} header, and the names that {@code Connection} lists.
 *
 * <pre>{@code
 * HopByHop hop = HopByHop.of(request.getHeaders());
 * for (HttpField f : request.getHeaders()) if (!hop.contains(f)) forward(f);
 * }</pre>
 */
final class HopByHop {

    private static final Set<String> ALWAYS = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade");

    private final Set<String> listed;

    private HopByHop(Set<String> listed) {
        this.listed = listed;
    }

    static HopByHop of(HttpFields fields) {
        Set<String> listed = new HashSet<>();
        for (String value : fields.getValuesList(HttpHeader.CONNECTION)) {
            for (String name : value.split(",")) {
                listed.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new HopByHop(listed);
    }

    boolean contains(HttpField field) {
        String name = field.getLowerCaseName();
        return ALWAYS.contains(name) || name.startsWith("proxy-") || listed.contains(name);
    }
}
