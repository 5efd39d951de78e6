package org.imageguard.engine.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attributes of one start tag, as written: {@code name="value"} pairs with the value still escaped. Used on tags
 * the document has already been checked to be well-formed, so it only needs to split, not to validate.
 *
 * <pre>{@code
 * XmlAttributes root = XmlAttributes.of("<svg width=\"16\" xmlns:rdf='...'>");
 * root.value("width");          // Optional["16"]
 * root.namespaceDeclarations(); // [xmlns:rdf='...']
 * }</pre>
 */
final class XmlAttributes {

    /**
     * @param source the attribute exactly as written, e.g. {@code xmlns:dc="http://purl.org/dc/elements/1.1/"}
     */
    record Attribute(String name, String value, String source) {

        boolean declaresNamespace() {
            return name.equals("xmlns") || name.startsWith("xmlns:");
        }
    }

    private final List<Attribute> attributes;

    private XmlAttributes(List<Attribute> attributes) {
        this.attributes = List.copyOf(attributes);
    }

    /** Splits a start tag ({@code <name ...>} or {@code <name .../>}) into its attributes. */
    static XmlAttributes of(String tag) {
        List<Attribute> attributes = new ArrayList<>();
        int i = skipName(tag, 1);
        while (true) {
            i = skipSpace(tag, i);
            int eq = tag.indexOf('=', i);
            if (i >= tag.length() || tag.charAt(i) == '/' || tag.charAt(i) == '>' || eq < 0) {
                return new XmlAttributes(attributes);
            }
            int open = skipSpace(tag, eq + 1);
            int close = open < tag.length() ? tag.indexOf(tag.charAt(open), open + 1) : -1;
            if (close < 0) {
                return new XmlAttributes(attributes);
            }
            attributes.add(new Attribute(tag.substring(i, eq).strip(), tag.substring(open + 1, close),
                    tag.substring(i, close + 1)));
            i = close + 1;
        }
    }

    Optional<String> value(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst();
    }

    List<Attribute> namespaceDeclarations() {
        return attributes.stream().filter(Attribute::declaresNamespace).toList();
    }

    private static int skipName(String tag, int i) {
        while (i < tag.length() && !Character.isWhitespace(tag.charAt(i)) && tag.charAt(i) != '>'
                && tag.charAt(i) != '/') {
            i++;
        }
        return i;
    }

    private static int skipSpace(String tag, int i) {
        while (i < tag.length() && Character.isWhitespace(tag.charAt(i))) {
            i++;
        }
        return i;
    }
}
