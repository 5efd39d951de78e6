package org.imageguard.policy.hotlink;

import java.util.List;
import org.imageguard.config.HostPattern;

/**
 * The image search result pages that {@code allow-search-engines} admits: the major engines by host, with their
 * subdomains ({@code images.google.de}, {@code www.bing.com}) and, where they run one site per country, any country
 * suffix ({@code google.co.uk}, {@code yandex.ru}).
 */
final class SearchEngines {

    static final List<String> HOSTS = List.of(
            ".google.*", ".bing.com", ".duckduckgo.com", ".yahoo.*", ".yandex.*", ".baidu.com", ".ecosia.org",
            ".qwant.com", ".startpage.com");

    private static final List<HostPattern> PATTERNS = HOSTS.stream().map(HostPattern::parse).toList();

    private SearchEngines() {
    }

    static boolean contains(String host) {
        for (HostPattern pattern : PATTERNS) {
            if (pattern.hostMatches(host)) {
                return true;
            }
        }
        return false;
    }
}
