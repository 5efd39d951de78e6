package org.imageguard.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.imageguard.testing.ByteArrays.concat;

import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.SequentialByteArrayReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.photoshop.PhotoshopDirectory;
import com.drew.metadata.photoshop.PhotoshopReader;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.imageguard.config.ProtectionSettings;
import org.imageguard.config.StripMode;
import org.imageguard.engine.exif.ExifCleaner;
import org.imageguard.engine.iptc.PhotoshopIrbCleaner;
import org.imageguard.engine.xmp.XmpComposer;
import org.imageguard.testing.Fixtures;
import org.imageguard.testing.Mutations;

/**
 * Hostile metadata (random bytes behind valid magic, and real blocks full of private fields with bytes damaged): the
 * cleaners never throw, and what they give back, read by metadata-extractor and xmpcore, carries no private field
 * and, for XMP, our DataMining statement.
 */
class HostileMetadataTest {

    private static final XmpComposer COMPOSER = new XmpComposer(ProtectionSettings.DEFAULTS);
    private static final String PLUS = "http://ns.useplus.org/ldf/xmp/1.0/";
    private static final String EXIF = "http://ns.adobe.com/exif/1.0/";
    private static final String AUX = "http://ns.adobe.com/exif/1.0/aux/";

    /** What strip: privacy promises to remove from EXIF, by metadata-extractor's tag numbers. */
    private static final List<Integer> PRIVATE_EXIF = List.of(ExifSubIFDDirectory.TAG_BODY_SERIAL_NUMBER,
            ExifSubIFDDirectory.TAG_LENS_SERIAL_NUMBER, ExifSubIFDDirectory.TAG_CAMERA_OWNER_NAME,
            ExifSubIFDDirectory.TAG_IMAGE_UNIQUE_ID, ExifSubIFDDirectory.TAG_USER_COMMENT);
    /** IPTC-IIM location datasets (2:26, 2:27, 2:90, 2:92, 2:95, 2:100, 2:101). */
    private static final List<Integer> IPTC_LOCATION = List.of(IptcDirectory.TAG_CONTENT_LOCATION_CODE,
            IptcDirectory.TAG_CONTENT_LOCATION_NAME, IptcDirectory.TAG_CITY, IptcDirectory.TAG_SUB_LOCATION,
            IptcDirectory.TAG_PROVINCE_OR_STATE, IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_CODE,
            IptcDirectory.TAG_COUNTRY_OR_PRIMARY_LOCATION_NAME);

    @Property(tries = 300)
    void exifCleanerLeavesNoPrivateFieldInRandomBytes(@ForAll @Size(max = 300) byte[] body,
                                                      @ForAll boolean bigEndian) {
        byte[] header = bigEndian ? new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8} : new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0};

        assertNoPrivateExif(ExifCleaner.forMode(StripMode.PRIVACY).clean(concat(header, body), s -> { }));
    }

    @Property(tries = 300, seed = "20261204")
    void exifCleanerLeavesNoPrivateFieldInDamagedRealExif(@ForAll("damagedExif") byte[] tiff) {
        assertNoPrivateExif(ExifCleaner.forMode(StripMode.PRIVACY).clean(tiff, s -> { }));
    }

    @Provide
    Arbitrary<byte[]> damagedExif() {
        // Both carry GPS, serial numbers, the owner's name, a user comment and an image ID (see make-fixtures.sh).
        return Mutations.of(List.of(Fixtures.bytes(ExifCleaner.class, "exif-le.bin"),
                Fixtures.bytes(ExifCleaner.class, "exif-be.bin")));
    }

    @Property(tries = 300)
    void photoshopIrbCleanerLeavesNoPrivateResourceInRandomBytes(@ForAll @Size(max = 300) byte[] body) {
        byte[] header = "Photoshop 3.0\08BIM\004\004".getBytes(StandardCharsets.ISO_8859_1);

        assertNoPrivateIrb(PhotoshopIrbCleaner.clean(concat(header, body), StripMode.PRIVACY, s -> { }));
    }

    @Property(tries = 300, seed = "20261204")
    void photoshopIrbCleanerLeavesNoPrivateResourceInADamagedRealBlock(@ForAll("damagedIrbs") byte[] payload) {
        assertNoPrivateIrb(PhotoshopIrbCleaner.clean(payload, StripMode.PRIVACY, s -> { }));
    }

    @Provide
    Arbitrary<byte[]> damagedIrbs() {
        return Mutations.of(List.of(privateIrb()));
    }

    @Property(tries = 200)
    void xmpComposerAlwaysProducesAPacketWithOurStatement(@ForAll @Size(max = 300) byte[] body) throws Exception {
        byte[] existing = concat("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">".getBytes(StandardCharsets.UTF_8), body);

        byte[] packet = COMPOSER.compose(existing, body, 65502, new RewriteReport.Builder()).standard();

        assertOursWithoutPrivateXmp(packet);
    }

    @Property(tries = 200, seed = "20261204")
    void xmpComposerDropsPrivatePropertiesOfADamagedPacket(@ForAll("damagedXmp") byte[] existing) throws Exception {
        assertOursWithoutPrivateXmp(COMPOSER.compose(existing, null, 65502, new RewriteReport.Builder()).standard());
    }

    @Provide
    Arbitrary<byte[]> damagedXmp() {
        String packet = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"
                 xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" xmlns:dc="http://purl.org/dc/elements/1.1/"
                 exif:GPSLatitude="48,51.5N" exif:GPSLongitude="2,17.4E" aux:SerialNumber="SN-12345"
                 aux:OwnerName="Jane Doe" exif:ImageUniqueID="abc123"><dc:title><rdf:Alt>
                <rdf:li xml:lang="x-default">Holiday</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>
                """;
        return Mutations.of(List.of(packet.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertNoPrivateExif(byte[] cleaned) {
        if (cleaned == null) {
            return; // nothing worth keeping: the record is dropped
        }
        Metadata metadata = new Metadata();
        new ExifReader().extract(new ByteArrayReader(cleaned), metadata);
        assertThat(metadata.getDirectoriesOfType(GpsDirectory.class)).as("GPS").isEmpty();
        for (Directory directory : metadata.getDirectories()) {
            if (directory instanceof ExifSubIFDDirectory || directory instanceof ExifIFD0Directory) {
                assertThat(PRIVATE_EXIF).as(directory.getName()).noneMatch(directory::containsTag);
            }
        }
    }

    private static void assertNoPrivateIrb(byte[] cleaned) {
        if (cleaned == null) {
            return; // unreadable: the segment is dropped
        }
        byte[] resources = Arrays.copyOfRange(cleaned, 14, cleaned.length); // after "Photoshop 3.0\0"
        Metadata metadata = new Metadata();
        new PhotoshopReader().extract(new SequentialByteArrayReader(resources), resources.length, metadata);
        for (PhotoshopDirectory photoshop : metadata.getDirectoriesOfType(PhotoshopDirectory.class)) {
            assertThat(photoshop.containsTag(PhotoshopDirectory.TAG_THUMBNAIL)).isFalse();
            assertThat(photoshop.containsTag(PhotoshopDirectory.TAG_THUMBNAIL_OLD)).isFalse();
        }
        assertThat(metadata.getDirectoriesOfType(XmpDirectory.class)).as("Photoshop's XMP copy").isEmpty();
        assertThat(metadata.getDirectoriesOfType(ExifIFD0Directory.class)).as("Photoshop's EXIF copy").isEmpty();
        for (IptcDirectory iptc : metadata.getDirectoriesOfType(IptcDirectory.class)) {
            assertThat(IPTC_LOCATION).as("IPTC location").noneMatch(iptc::containsTag);
        }
    }

    private static void assertOursWithoutPrivateXmp(byte[] packet) throws Exception {
        XMPMeta xmp = XMPMetaFactory.parseFromBuffer(packet);
        assertThat(xmp.getPropertyString(PLUS, "DataMining")).endsWith("/DMI-PROHIBITED");
        // By namespace, as readers see them: damage that moves a property to another namespace makes it another one.
        assertThat(xmp.doesPropertyExist(EXIF, "GPSLatitude")).isFalse();
        assertThat(xmp.doesPropertyExist(EXIF, "GPSLongitude")).isFalse();
        assertThat(xmp.doesPropertyExist(EXIF, "ImageUniqueID")).isFalse();
        assertThat(xmp.doesPropertyExist(AUX, "SerialNumber")).isFalse();
        assertThat(xmp.doesPropertyExist(AUX, "OwnerName")).isFalse();
    }

    /** IPTC with a caption and a city, a thumbnail and an XMP copy: what privacy must take out of an APP13. */
    private static byte[] privateIrb() {
        ByteArrayOutputStream iptc = new ByteArrayOutputStream();
        dataset(iptc, 120, "A caption");
        dataset(iptc, 90, "Paris");
        dataset(iptc, 101, "France");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.ISO_8859_1));
        resource(out, 0x0404, iptc.toByteArray());
        resource(out, 0x040C, new byte[] {1, 2, 3, 4, 5, 6});
        resource(out, 0x0424, "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void dataset(ByteArrayOutputStream out, int dataset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(new byte[] {0x1C, 2, (byte) dataset, (byte) (bytes.length >> 8), (byte) bytes.length});
        out.writeBytes(bytes);
    }

    private static void resource(ByteArrayOutputStream out, int id, byte[] data) {
        out.writeBytes("8BIM".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {(byte) (id >> 8), (byte) id, 0, 0});
        int n = data.length;
        out.writeBytes(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.writeBytes(data);
        if (n % 2 == 1) {
            out.write(0);
        }
    }
}
