package org.imageguard.policy.robots;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An RFC 9309 reader written for the tests, independent of the code under test: groups of consecutive User-agent
 * lines, all groups naming an agent merged, {@code *} groups only when none names it, longest match wins and Allow
 * wins a tie. Only prefix rules ({@code *} and {@code $} are not needed by these tests).
 */
final class SimpleRobotsParser {

    record Rule(boolean allow, String path) {
    }

    static final class Group {
        final List<String> agents = new ArrayList<>();
        final List<Rule> rules = new ArrayList<>();
        final List<String> otherLines = new ArrayList<>();
    }

    private final List<Group> groups = new ArrayList<>();

    SimpleRobotsParser(String text) {
        Group current = null;
        boolean lastWasAgent = false;
        for (String raw : text.split("\r\n|\r|\n")) {
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (key.equals("user-agent")) {
                if (!lastWasAgent) {
                    current = new Group();
                    groups.add(current);
                }
                current.agents.add(value.toLowerCase(Locale.ROOT));
                lastWasAgent = true;
                continue;
            }
            lastWasAgent = false;
            if (current == null) {
                continue;
            }
            if (key.equals("allow") || key.equals("disallow")) {
                current.rules.add(new Rule(key.equals("allow"), value));
            } else {
                current.otherLines.add(line);
            }
        }
    }

    /** The groups that apply to a product token. */
    List<Group> groupsFor(String agent) {
        List<Group> named = groups.stream().filter(g -> g.agents.contains(agent.toLowerCase(Locale.ROOT))).toList();
        return named.isEmpty() ? groups.stream().filter(g -> g.agents.contains("*")).toList() : named;
    }

    boolean isAllowed(String agent, String path) {
        Rule best = null;
        for (Group group : groupsFor(agent)) {
            for (Rule rule : group.rules) {
                if (rule.path().isEmpty() || !path.startsWith(rule.path())) {
                    continue;
                }
                if (best == null || rule.path().length() > best.path().length()
                        || rule.path().length() == best.path().length() && rule.allow()) {
                    best = rule;
                }
            }
        }
        return best == null || best.allow();
    }
}
