package org.imageguard.engine.xmp;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.ParseOptions;

/**
 * Reads a packet found in an image, which may be anything. Doctypes are refused (no entity expansion, no external
 * entities); xmpcore reports most problems as XMPException, some malformed RDF as runtime exceptions, and its RDF
 * parser recurses once per nesting level, so a packet nested thousands deep overflows the stack — all of these mean
 * "unreadable".
 *
 * <pre>{@code
 * XMPMeta meta = XmpParsing.parse(packet); // null when unreadable
 * }</pre>
 */
public final class XmpParsing {

    /**
     * Start tags a packet may have. xmpcore checks every new child against all its earlier siblings, so a packet's
     * cost grows with the square of its longest list: Photoshop's DocumentAncestors list has been seen in the wild
     * with 126,211 items in a 7 MB Extended XMP, a minute of CPU. Real packets have a few hundred elements;
     * 10,000 siblings cost about 0.1 s.
     */
    public static final int MAX_ELEMENTS = 10_000;

    private static final byte[] EMPTY_PACKET =
            "<x:xmpmeta xmlns:x='adobe:ns:meta/'/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static {
        // xmpcore applies setDisallowDoctype by calling setFeature on one static DocumentBuilderFactory on every
        // parse. The first call adds the feature to the factory's map while another thread may be iterating it in
        // newDocumentBuilder(); later calls only replace the value of a present key, which is harmless. Doing the
        // first parse here, under the class-initialisation lock, keeps concurrent rewrites off that race.
        parse(EMPTY_PACKET);
    }

    private XmpParsing() {
    }

    /**
     * The parsed packet, or null when xmpcore cannot read it safely. Well-formed UTF-8 is parsed as it is; only a
     * packet that fails that is parsed again with xmpcore's repairs (control characters, Latin-1 bytes), which wrap
     * the input in converting readers and cost some 40 % of a parse. For well-formed input the repairs change
     * nothing, so the result is the same either way.
     */
    public static XMPMeta parse(byte[] packet) {
        if (tooManyElements(packet)) {
            return null;
        }
        XmpNamespaces.register();
        XMPMeta strict = parse(packet, false);
        return strict != null ? strict : parse(packet, true);
    }

    /** Whether the packet has more than {@link #MAX_ELEMENTS} start tags: too costly to parse, taken as unreadable. */
    public static boolean tooManyElements(byte[] packet) {
        if (packet.length < 2 * MAX_ELEMENTS) {
            return false; // "<a" per element at the very least
        }
        int elements = 0;
        for (int i = 0, last = packet.length - 1; i < last; i++) {
            // '<' then a name start: not "</", "<?", "<!"; every UTF-8 lead byte of a non-ASCII name counts too.
            if (packet[i] == '<' && (Character.isLetter(packet[i + 1]) || packet[i + 1] == '_' || packet[i + 1] < 0)
                    && ++elements > MAX_ELEMENTS) {
                return true;
            }
        }
        return false;
    }

    private static XMPMeta parse(byte[] packet, boolean repair) {
        try {
            return XMPMetaFactory.parseFromBuffer(packet, new ParseOptions().setDisallowDoctype(true)
                    .setRequireXMPMeta(false).setFixControlChars(repair).setAcceptLatin1(repair));
        } catch (XMPException | RuntimeException | StackOverflowError e) {
            return null;
        }
    }
}
