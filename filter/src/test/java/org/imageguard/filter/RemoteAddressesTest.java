package org.imageguard.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code metrics-allow}: addresses and CIDR ranges, IPv4 and IPv6, literals only. */
class RemoteAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "'127.0.0.1, ::1', 127.0.0.1, true",
        "'127.0.0.1, ::1', 0:0:0:0:0:0:0:1, true",
        "'127.0.0.1, ::1', 127.0.0.2, false",
        "10.0.0.0/8, 10.255.1.2, true",
        "10.0.0.0/8, 11.0.0.1, false",
        "192.168.4.0/22, 192.168.7.255, true",
        "192.168.4.0/22, 192.168.8.0, false",
        "fd00::/8, fd12:3456::1, true",
        "fd00::/8, fe80::1, false",
        "0.0.0.0/0, 203.0.113.9, true",
        "10.0.0.0/8, ::ffff:10.1.2.3, true",
        "10.0.0.0/8, not-an-address, false",
    })
    void matchesTheConnectionsAddress(String allow, String remote, boolean allowed) {
        assertThat(RemoteAddresses.parse(allow).contains(remote)).isEqualTo(allowed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"prometheus.monitoring.svc", "10.0.0.0/33", "10.0.0.0/x", "::1/129", " , "})
    void anythingButAnAddressOrRangeIsRefusedWithoutALookup(String allow) {
        assertThatThrownBy(() -> RemoteAddresses.parse(allow)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("expected ");
    }
}
