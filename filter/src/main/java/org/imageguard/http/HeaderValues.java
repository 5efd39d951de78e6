package org.imageguard.http;

import java.util.Locale;

/**
 * Comma-separated header lists ({@code Cache-Control}, {@code Vary}, {@code Accept}), compared as whole tokens,
 * case-insensitively: {@code no-transform} is not found in {@code x-no-transformer}.
 */
final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * Whether the list holds the token, ignoring parameters after {@code ;} and {@code =}. An entry weighted
     * {@code q=0} is a refusal, not a match.
     */
    static boolean hasToken(String list, String token) {
        if (list == null || list.isEmpty()) {
            return false;
        }
        for (String entry : list.split(",")) {
            String[] parts = entry.split(";");
            String name = parts[0].trim();
            int eq = name.indexOf('=');
            if (eq >= 0) {
                name = name.substring(0, eq).trim();
            }
            if (name.equalsIgnoreCase(token) && !refused(parts)) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (param.matches("q=0(\\.0{0,3})?")) {
                return true;
            }
        }
        return false;
    }

    /** Appends a token to a list unless it is already there; the token alone when the list is empty. */
    static String appendToken(String list, String token) {
        if (list == null || list.isBlank()) {
            return token;
        }
        if (hasToken(list, token)) {
            return list;
        }
        return list + ", " + token;
    }

    /** The media type of a Content-Type value, lower-cased, without parameters; empty when absent. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon >= 0 ? contentType.substring(0, semicolon) : contentType;
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
