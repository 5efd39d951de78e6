package org.imageguard.policy.crawlers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code ai-crawlers.json} with Jackson's streaming parser:
 *
 * <pre>
 * { "version": "...", "date": "YYYY-MM-DD", "source": "https://...", "sourceCommit": "...", "selection": "...",
 *   "agents": [ { "token": "GPTBot", "operator": "...", "purpose": "...", "userAgent": true }, ... ] }
 * </pre>
 *
 * Strict: an unknown or missing field is an error naming it, so a typo in the data cannot silently drop a crawler.
 */
final class AiCrawlerListReader {

    private static final JsonFactory JSON = new JsonFactory();

    private AiCrawlerListReader() {
    }

    static AiCrawlerList read(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            expect(parser, parser.nextToken(), JsonToken.START_OBJECT);
            String version = null;
            String date = null;
            String source = null;
            List<AiCrawler> agents = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "version" -> version = text(parser);
                    case "date" -> date = text(parser);
                    case "source" -> source = text(parser);
                    case "sourceCommit", "selection" -> text(parser);
                    case "agents" -> agents = agents(parser);
                    default -> throw error(parser, "unknown field \"" + field + "\"");
                }
            }
            return new AiCrawlerList(required(parser, version, "version"), required(parser, date, "date"),
                    required(parser, source, "source"), required(parser, agents, "agents"));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad crawler list: " + e.getMessage(), e);
        }
    }

    private static List<AiCrawler> agents(JsonParser parser) throws IOException {
        expect(parser, parser.currentToken(), JsonToken.START_ARRAY);
        List<AiCrawler> agents = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            agents.add(agent(parser));
        }
        expect(parser, parser.currentToken(), JsonToken.END_ARRAY);
        return agents;
    }

    private static AiCrawler agent(JsonParser parser) throws IOException {
        String token = null;
        String operator = null;
        String purpose = null;
        Boolean userAgent = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "token" -> token = text(parser);
                case "operator" -> operator = text(parser);
                case "purpose" -> purpose = text(parser);
                case "userAgent" -> {
                    if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                        throw error(parser, "expected true or false for userAgent, found " + value);
                    }
                    userAgent = value == JsonToken.VALUE_TRUE;
                }
                default -> throw error(parser, "unknown agent field \"" + field + "\"");
            }
        }
        return new AiCrawler(required(parser, token, "token"), required(parser, operator, "operator"),
                required(parser, purpose, "purpose"), required(parser, userAgent, "userAgent"));
    }

    private static String text(JsonParser parser) throws IOException {
        expect(parser, parser.currentToken(), JsonToken.VALUE_STRING);
        return parser.getText();
    }

    private static void expect(JsonParser parser, JsonToken found, JsonToken expected) throws IOException {
        if (found != expected) {
            throw error(parser, "expected " + expected + ", found " + found);
        }
    }

    private static <T> T required(JsonParser parser, T value, String field) throws IOException {
        if (value == null) {
            throw error(parser, "missing field \"" + field + "\"");
        }
        return value;
    }

    private static IOException error(JsonParser parser, String message) {
        return new IOException("bad crawler list at line " + parser.currentLocation().getLineNr() + ": " + message);
    }
}
