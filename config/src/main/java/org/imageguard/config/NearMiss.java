package org.imageguard.config;

import java.util.List;
import java.util.Optional;

/**
 * Finds the key an ops person most likely meant: the closest candidate within two edits (Levenshtein).
 *
 * <pre>{@code
 * NearMiss.in("data-minig", List.of("data-mining", "strip")); // Optional[data-mining]
 * }</pre>
 */
final class NearMiss {

    private static final int MAX_EDITS = 2;

    private NearMiss() {
    }

    /** The first candidate with the fewest edits, if any is within two. */
    static Optional<String> in(String typed, List<String> candidates) {
        String best = null;
        int bestDistance = MAX_EDITS + 1;
        for (String candidate : candidates) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > MAX_EDITS || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE; // far apart anyway, and keeps hostile keys cheap
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
