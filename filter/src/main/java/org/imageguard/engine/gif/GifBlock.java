package org.imageguard.engine.gif;

/**
 * One block after the logical screen: an image (descriptor, local colour table and LZW data) or an extension,
 * from its introducer byte to just past its block terminator.
 *
 * @param label         the extension label (0xF9 graphic control, 0xFE comment, 0x01 plain text, 0xFF application),
 *                      or {@link #IMAGE} for an image
 * @param applicationId for an application extension with an 11-byte first sub-block, its identifier and
 *                      authentication code (e.g. {@code NETSCAPE2.0}, {@code XMP DataXMP}); otherwise empty
 */
public record GifBlock(int offset, int end, int label, String applicationId) {

    public static final int IMAGE = -1;
    public static final int GRAPHIC_CONTROL = 0xF9;
    public static final int COMMENT = 0xFE;
    public static final int PLAIN_TEXT = 0x01;
    public static final int APPLICATION = 0xFF;

    public boolean isImage() {
        return label == IMAGE;
    }

    /** The application identifier with anything but printable ASCII replaced by '?', for reports and logs. */
    public String printableApplicationId() {
        return applicationId.replaceAll("[^ -~]", "?");
    }

    public boolean isApplication(String id) {
        return label == APPLICATION && applicationId.equals(id);
    }
}
