package org.imageguard.policy.crawlers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.imageguard.config.AiCrawlerSettings;

/**
 * A versioned list of AI training crawlers. The built-in one is data, {@code ai-crawlers.json} next to this class,
 * taken from the community list at github.com/ai-robots-txt/ai.robots.txt (training and dataset crawlers only).
 *
 * <pre>{@code
 * AiCrawlerList list = AiCrawlerList.builtIn().configured(settings); // + extra-user-agents - allow-user-agents
 * list.agents();      // what robots.txt names
 * list.userAgents();  // what the User-Agent matcher looks for
 * }</pre>
 *
 * @param version the list's version
 * @param date    when it was taken from its source (ISO date)
 * @param source  where it comes from
 * @param agents  the crawlers, tokens unique case-insensitively
 */
public record AiCrawlerList(String version, String date, String source, List<AiCrawler> agents) {

    private static final String RESOURCE = "ai-crawlers.json";
    private static final AiCrawlerList BUILT_IN = load();

    public AiCrawlerList {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(source, "source");
        agents = List.copyOf(agents);
        Set<String> seen = new HashSet<>();
        for (AiCrawler agent : agents) {
            if (!seen.add(agent.token().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("crawler token \"" + agent.token() + "\" is listed twice");
            }
        }
    }

    /** The list shipped with ImageGuard. */
    public static AiCrawlerList builtIn() {
        return BUILT_IN;
    }

    /** Reads a list in the format of {@code ai-crawlers.json}. */
    public static AiCrawlerList read(InputStream json) throws IOException {
        return AiCrawlerListReader.read(json);
    }

    /**
     * This list with the configuration applied: {@code extra-user-agents} added (matched against User-Agent),
     * {@code allow-user-agents} removed, both case-insensitively.
     *
     * @throws IllegalArgumentException when an extra user agent is not a valid token
     */
    public AiCrawlerList configured(AiCrawlerSettings settings) {
        Set<String> allowed = settings.allowUserAgents().stream()
                .map(token -> token.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<AiCrawler> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AiCrawler agent : agents) {
            if (!allowed.contains(agent.token().toLowerCase(Locale.ROOT))) {
                result.add(agent);
                seen.add(agent.token().toLowerCase(Locale.ROOT));
            }
        }
        for (String extra : settings.extraUserAgents()) {
            String token = extra.strip();
            String key = token.toLowerCase(Locale.ROOT);
            if (!allowed.contains(key) && seen.add(key)) {
                result.add(new AiCrawler(token, "configured", "listed in ai-crawlers.extra-user-agents", true));
            }
        }
        return new AiCrawlerList(version, date, source, result);
    }

    /** The tokens to look for in User-Agent headers (robots.txt-only tokens left out). */
    public List<String> userAgents() {
        return agents.stream().filter(AiCrawler::userAgent).map(AiCrawler::token).toList();
    }

    /** Every token, for robots.txt. */
    public List<String> tokens() {
        return agents.stream().map(AiCrawler::token).toList();
    }

    private static AiCrawlerList load() {
        try (InputStream in = AiCrawlerList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }

    @Override
    public String toString() {
        return "AiCrawlerList{version=" + version + ", date=" + date + ", " + agents.size() + " agents: "
                + String.join(", ", tokens()) + "}";
    }
}
