package org.imageguard.policy.robots;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imageguard.config.AiCrawlerSettings;
import org.imageguard.config.ImageGuardConfig;
import org.imageguard.config.RobotsTxtMode;
import org.imageguard.http.OriginResponse;
import org.imageguard.http.SiteFile;
import org.imageguard.policy.crawlers.AiCrawlerList;
import org.imageguard.policy.crawlers.CrawlerPolicy;

/**
 * The two files crawlers read, as the pipeline serves them (top-level {@code ai-crawlers} settings):
 *
 * <ul>
 *   <li>{@code /robots.txt}: {@code augment} asks the origin and appends our group to its 200 answer, or serves ours
 *       when it has none (404 or any other status); {@code replace} serves ours without asking; {@code off} leaves
 *       the path alone.</li>
 *   <li>{@code /.well-known/tdmrep.json} with {@code tdmrep-json: true}: the origin's own file when it answers 200,
 *       ours otherwise; the {@code paths:} overrides become its first rules.</li>
 * </ul>
 *
 * <pre>{@code
 * pipelineBuilder.siteFiles(CrawlerFiles.of(config));
 * }</pre>
 */
public final class CrawlerFiles {

    private CrawlerFiles() {
    }

    /** The site files by path; empty when both are off. */
    public static Map<String, SiteFile> of(ImageGuardConfig config) {
        AiCrawlerSettings crawlers = config.policy().aiCrawlers();
        Map<String, SiteFile> files = new HashMap<>();
        if (crawlers.robotsTxt() != RobotsTxtMode.OFF) {
            files.put(CrawlerPolicy.ROBOTS_TXT, new Robots(RobotsTxt.of(crawlers, AiCrawlerList.builtIn()),
                    crawlers.robotsTxt() == RobotsTxtMode.AUGMENT));
        }
        if (crawlers.tdmrepJson()) {
            List<TdmRule> rules = config.paths().stream()
                    .map(rule -> new TdmRule(rule.match(), rule.policy().protection())).toList();
            files.put(CrawlerPolicy.TDMREP_JSON, new Tdmrep(new TdmRep(config.policy().protection(), rules)));
        }
        return Map.copyOf(files);
    }

    /** robots.txt: always ours, built on the origin's 200 body when augmenting. */
    private record Robots(RobotsTxt robots, boolean augment) implements SiteFile {

        @Override
        public boolean asksOrigin() {
            return augment;
        }

        @Override
        public boolean keeps(OriginResponse origin) {
            return false;
        }

        @Override
        public Content content(OriginResponse origin, byte[] body) {
            byte[] ours = robots.respond(body).orElseThrow(); // off never registers this file
            String type = origin != null && !origin.contentType().isBlank() ? origin.contentType()
                    : RobotsTxt.contentType();
            return new Content(type, ours);
        }

        @Override
        public String toString() {
            return robots.toString();
        }
    }

    /** tdmrep.json: the origin's when it has one. */
    private record Tdmrep(TdmRep file) implements SiteFile {

        @Override
        public boolean asksOrigin() {
            return true;
        }

        @Override
        public boolean keeps(OriginResponse origin) {
            return origin.status() == 200;
        }

        @Override
        public Content content(OriginResponse origin, byte[] body) {
            return new Content(TdmRep.contentType(), file.json());
        }

        @Override
        public String toString() {
            return file.toString();
        }
    }
}
