package org.imageguard.config;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host names in the one form they are compared in: lower-case ASCII (IDN labels as punycode), no port, no trailing
 * dot, IPv6 literals in brackets and in Java's uncompressed notation. Anything that is not plainly a host name is
 * refused rather than guessed at: percent-escapes, empty labels, stray characters. {@link HostPattern} compiles
 * configured hosts with it, the hotlink policy normalizes Referer and Host headers with it, so both sides compare the
 * same form.
 *
 * <pre>{@code
 * HostName.fromAuthority("Example.COM:8443"); // Optional[example.com]
 * HostName.name("bücher.example");            // Optional[xn--bcher-kva.example]
 * }</pre>
 */
public final class HostName {

    private static final Pattern ASCII_HOST = Pattern.compile("[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*");
    private static final Pattern IPV6_TEXT = Pattern.compile("[0-9a-f:.]+");

    private HostName() {
    }

    /**
     * Normalizes the {@code host[:port]} form of a {@code Host} header or a URL authority without userinfo.
     *
     * @return the host, or empty when the text is not a valid host
     */
    public static Optional<String> fromAuthority(String hostPort) {
        if (hostPort == null || hostPort.isEmpty()) {
            return Optional.empty();
        }
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0 || !validPort(hostPort.substring(close + 1))) {
                return Optional.empty();
            }
            return ipv6(hostPort.substring(1, close));
        }
        int colon = hostPort.indexOf(':');
        if (colon >= 0 && !validPort(hostPort.substring(colon))) {
            return Optional.empty();
        }
        return name(colon < 0 ? hostPort : hostPort.substring(0, colon));
    }

    /** Normalizes a bare host name (no port), as found in a URL or written in configuration. */
    public static Optional<String> name(String host) {
        if (host.isEmpty() || host.indexOf('%') >= 0) {
            return Optional.empty();
        }
        String ascii;
        try {
            // IDN.toASCII also maps the ideographic full stop and friends to '.', as browsers do.
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1); // "example.com." is the same DNS name
        }
        return ASCII_HOST.matcher(ascii).matches() ? Optional.of(ascii) : Optional.empty();
    }

    // ":" alone is allowed (empty port, RFC 3986); otherwise digits only.
    private static boolean validPort(String colonAndPort) {
        if (colonAndPort.isEmpty()) {
            return true;
        }
        if (colonAndPort.charAt(0) != ':' || colonAndPort.length() > 6) {
            return false;
        }
        for (int i = 1; i < colonAndPort.length(); i++) {
            char c = colonAndPort.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> ipv6(String literal) {
        String text = literal.toLowerCase(Locale.ROOT);
        // Only hex digits, colons and dots reach InetAddress, so it parses a literal and never asks DNS.
        if (text.indexOf(':') < 0 || !IPV6_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            return address instanceof Inet6Address
                    ? Optional.of("[" + address.getHostAddress() + "]")
                    : Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
