package org.imageguard.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.ParseOptions;

import org.imageguard.config.ProtectionSettings;
import org.imageguard.engine.RewriteReport;
import org.imageguard.engine.XmpPackets;
import org.imageguard.engine.xmp.XmpComposer;
import org.imageguard.engine.xmp.XmpParsing;
import org.imageguard.engine.xmp.XmpSerialization;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the per-image cost of merging an existing XMP packet goes: the whole {@code compose} (what the JPEG rewrite
 * pays for an image that has XMP), its xmpcore parse and serialize, and the {@code DocumentBuilder} xmpcore creates
 * for every parse, and the parse without the two repair options. The packet is the one exiftool wrote into the 1 MP benchmark JPEG (about 2.5 KB).
 *
 * <pre>{@code
 * tests/bench/run-jmh.sh XmpBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class XmpBenchmark {

    byte[] packet;
    XMPMeta parsed;
    XmpComposer composer;
    DocumentBuilderFactory factory;

    @Setup(Level.Trial)
    public void load() {
        packet = packetIn(BenchImages.load("jpeg-1mp"));
        parsed = XmpParsing.parse(packet);
        if (parsed == null) {
            throw new IllegalStateException("the benchmark packet does not parse");
        }
        composer = new XmpComposer(ProtectionSettings.DEFAULTS);
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
    }

    @Benchmark
    public XmpPackets compose() {
        return composer.compose(packet, null, 65502, new RewriteReport.Builder());
    }

    @Benchmark
    public XMPMeta parse() {
        return XmpParsing.parse(packet);
    }

    /** As {@link #parse} without {@code fixControlChars} and {@code acceptLatin1}, which route the bytes through Readers. */
    @Benchmark
    public XMPMeta parseWithoutRepairs() throws XMPException {
        return XMPMetaFactory.parseFromBuffer(packet, new ParseOptions().setDisallowDoctype(true)
                .setRequireXMPMeta(false));
    }

    @Benchmark
    public byte[] serialize() {
        return XmpSerialization.standard(parsed);
    }

    @Benchmark
    public DocumentBuilder newDocumentBuilder() throws ParserConfigurationException {
        return factory.newDocumentBuilder();
    }

    /** From {@code <?xpacket begin} to the end of {@code <?xpacket end...?>}. */
    private static byte[] packetIn(byte[] file) {
        String latin1 = new String(file, 0, Math.min(file.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        int begin = latin1.indexOf("<?xpacket begin");
        int endTag = latin1.indexOf("<?xpacket end", begin);
        int end = latin1.indexOf("?>", endTag) + 2;
        if (begin < 0 || endTag < 0 || end < 2) {
            throw new IllegalStateException("no XMP packet in the benchmark JPEG");
        }
        return Arrays.copyOfRange(file, begin, end);
    }
}
