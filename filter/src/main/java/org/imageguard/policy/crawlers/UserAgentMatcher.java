package org.imageguard.policy.crawlers;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds a listed token in a User-Agent: whole tokens only, case-insensitively, all tokens in one precompiled regex
 * alternation. A token must not be glued to letters, digits, {@code _} or {@code -} on either side, so
 * {@code GPTBot/1.1} and {@code (compatible; Bytespider;} match, while {@code NotGPTBot}, {@code GPTBot-Preview},
 * {@code omgilibot} for {@code omgili}, or {@code Applebot} for {@code Applebot-Extended} do not.
 *
 * <pre>{@code
 * UserAgentMatcher matcher = UserAgentMatcher.of(List.of("GPTBot", "CCBot"));
 * matcher.match("CCBot/2.0 (https://commoncrawl.org/faq/)"); // Optional[CCBot]
 * }</pre>
 *
 * The lookbehind rejects a start position inside a word at once, so alternatives are tried only at word starts.
 */
public final class UserAgentMatcher {

    private static final String WORD = "[A-Za-z0-9_-]";
    private static final int MAX_SCANNED = 2048; // real User-Agents are far shorter; a longer one is scanned in part

    private final Pattern pattern;                 // null when there are no tokens
    private final Map<String, String> tokenByKey;  // lower-case -> token as listed

    private UserAgentMatcher(Pattern pattern, Map<String, String> tokenByKey) {
        this.pattern = pattern;
        this.tokenByKey = tokenByKey;
    }

    public static UserAgentMatcher of(Collection<String> tokens) {
        Map<String, String> byKey = new HashMap<>();
        for (String token : tokens) {
            byKey.putIfAbsent(token.toLowerCase(Locale.ROOT), token);
        }
        if (byKey.isEmpty()) {
            return new UserAgentMatcher(null, Map.of());
        }
        String alternation = byKey.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        Pattern pattern = Pattern.compile("(?<!" + WORD + ")(?:" + alternation + ")(?!" + WORD + ")",
                Pattern.CASE_INSENSITIVE);
        return new UserAgentMatcher(pattern, Map.copyOf(byKey));
    }

    /** The first listed token found in the User-Agent, as listed. */
    public Optional<String> match(String userAgent) {
        if (pattern == null || userAgent == null || userAgent.isEmpty()) {
            return Optional.empty();
        }
        String scanned = userAgent.length() > MAX_SCANNED ? userAgent.substring(0, MAX_SCANNED) : userAgent;
        Matcher matcher = pattern.matcher(scanned);
        return matcher.find()
                ? Optional.of(tokenByKey.get(matcher.group().toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "UserAgentMatcher" + tokenByKey.values().stream().sorted().toList();
    }
}
