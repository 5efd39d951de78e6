package org.imageguard.policy.crawlers;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One AI training crawler of the list.
 *
 * @param token     its robots.txt product token, e.g. {@code GPTBot}; also what its User-Agent contains
 * @param operator  who runs it
 * @param purpose   what the crawled data is used for
 * @param userAgent whether the token appears in a User-Agent; {@code false} for robots.txt-only tokens such as
 *                  {@code Google-Extended}, which ride on a crawler (Googlebot) that must not be blocked
 */
public record AiCrawler(String token, String operator, String purpose, boolean userAgent) {

    // Printable ASCII, no '#' (a robots.txt comment) and no surrounding spaces: it is written into robots.txt as is.
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x22\\x24-\\x7E](?:[\\x20-\\x22\\x24-\\x7E]{0,98}"
            + "[\\x21-\\x22\\x24-\\x7E])?");

    public AiCrawler {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(purpose, "purpose");
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("crawler token \"" + token
                    + "\" must be 1 to 100 printable ASCII characters, without '#' or surrounding spaces");
        }
    }
}
