package org.imageguard.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.imageguard.audit.Auditor;
import org.imageguard.audit.Inspection;
import org.imageguard.audit.InspectionJson;
import org.imageguard.audit.InspectionText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reports what protection files or URLs carry: {@code inspect photo.jpg https://example.com/a.jpg}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what protection image files or URLs carry.",
            "Format, dimensions, DataMining code, rights fields, privacy-sensitive metadata (GPS, serials, owner "
                + "names) and, for URLs, the HTTP signals (X-Robots-Tag, tdm-reservation, Content-Usage, "
                + "Cache-Control) and whether a training crawler is refused.",
            "",
            "URLs (http:// or https://) are fetched with a 10 s timeout, following up to 3 redirects (each is "
                + "reported), then requested again with GPTBot's User-Agent: 401, 403 or 451 count as refused.",
            "An input that cannot be read (missing file, connection refused, HTTP error, corrupt image) is reported "
                + "on stderr as INPUT: reason and makes the exit code 1.",
            "",
            "--json prints one array with one object per input, every field always present (null when unknown):",
            "  input, error, format (JPEG, PNG, GIF, WEBP, SVG, TIFF, JXL, AVIF, HEIF, JXL_CODESTREAM, AVIF_SEQUENCE,",
            "  HEIF_SEQUENCE, TIFF_SUBIMAGES, UNKNOWN),",
            "  width, height, frames,",
            "  examined (false for a format whose metadata ImageGuard cannot read: rights and privacy are then null),",
            "  dataMining (the plus:DataMining code or null), prohibitsDataMining, rights (object: field -> value),",
            "  privacy (array of findings such as \"EXIF GPS\"), http (null for files, else: url, status,",
            "  redirects [{status, location}], headers {Content-Type, X-Robots-Tag, tdm-reservation, tdm-policy,",
            "  Content-Usage, Cache-Control, X-ImageGuard}, crawler {userAgent, status, refused, error})."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON array (one object per input) instead of text.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Image files or http(s) URLs.")
    List<String> inputs;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Auditor auditor = new Auditor();
        List<Inspection> inspections = new ArrayList<>();
        boolean failed = false;
        for (String input : inputs) {
            Inspection inspection = auditor.inspect(input);
            inspections.add(inspection);
            if (!json) {
                String table = InspectionText.render(inspection);
                if (!table.isEmpty()) {
                    out.print((inspections.size() > 1 ? "\n" : "") + table);
                }
            }
            if (inspection.failed()) {
                err.println(input + ": " + inspection.error());
                failed = true;
            }
        }
        if (json) {
            out.println(InspectionJson.render(inspections));
        }
        return failed ? ExitCode.FAILED : ExitCode.OK;
    }
}
