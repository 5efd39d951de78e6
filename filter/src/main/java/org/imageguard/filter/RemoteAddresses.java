package org.imageguard.filter;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client addresses allowed to read the filter's {@code metrics-path}: IP addresses and CIDR ranges, written as
 * literals only (a host name would make every request wait for DNS), compared with the connection's address.
 *
 * <pre>{@code
 * RemoteAddresses allowed = RemoteAddresses.parse("127.0.0.1, ::1, 10.0.0.0/8");
 * allowed.contains("10.1.2.3");   // true
 * }</pre>
 */
final class RemoteAddresses {

    /** Digits, dots, colons and hex: an IPv4 or IPv6 literal, never a name InetAddress would resolve. */
    private static final Pattern LITERAL = Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = network.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private final List<Range> ranges;
    private final String text;

    private RemoteAddresses(List<Range> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /** Comma-separated addresses and ranges; throws IllegalArgumentException naming the entry that is neither. */
    static RemoteAddresses parse(String list) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : list.split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            int slash = item.indexOf('/');
            byte[] network = literal(slash < 0 ? item : item.substring(0, slash), item);
            int prefix = network.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(item.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("expected a prefix length from 0 to " + network.length * 8
                            + " in '" + item + "'");
                }
            }
            ranges.add(new Range(network, prefix));
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("expected at least one address, found '" + list + "'");
        }
        return new RemoteAddresses(List.copyOf(ranges), list.strip());
    }

    private static byte[] literal(String address, String entry) {
        if (!LITERAL.matcher(address).matches()) {
            throw new IllegalArgumentException("expected an IP address or CIDR range, found '" + entry + "'");
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("expected an IP address or CIDR range, found '" + entry + "'");
        }
    }

    /** Whether the connection's address (as {@code getRemoteAddr()} gives it) is in one of the ranges. */
    boolean contains(String remoteAddress) {
        if (remoteAddress == null || !LITERAL.matcher(remoteAddress).matches()) {
            return false;
        }
        byte[] address;
        try {
            address = InetAddress.getByName(remoteAddress).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        return ranges.stream().anyMatch(range -> range.contains(address));
    }

    @Override
    public String toString() {
        return text;
    }
}
