package org.imageguard.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imageguard.engine.ImageFormat;
import org.imageguard.engine.inspect.ProtectionReport;

/**
 * The human form of an {@link Inspection}: the input on a line, then one labelled row per fact.
 *
 * <pre>
 * photos/a.jpg
 *   format           JPEG, 4000x3000, 1 frame
 *   data mining      none
 *   rights           EXIF Copyright: (c) Jane
 *   privacy          EXIF GPS
 *                    EXIF serial numbers
 * </pre>
 */
public final class InspectionText {

    private static final String INDENT = "  ";
    private static final int LABEL_WIDTH = 17;

    private InspectionText() {
    }

    /** The table, each line ending in a newline; an input that failed before anything was learnt gives "". */
    public static String render(Inspection inspection) {
        List<String[]> rows = new ArrayList<>();
        if (inspection.http() != null) {
            http(inspection.http(), rows);
        }
        if (inspection.image() != null) {
            image(inspection.image(), rows);
        }
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(inspection.input()).append('\n');
        for (String[] row : rows) {
            text.append(INDENT).append(String.format("%-" + LABEL_WIDTH + "s", row[0])).append(row[1]).append('\n');
        }
        return text.toString();
    }

    private static void http(HttpSignals http, List<String[]> rows) {
        rows.add(new String[] {"status", String.valueOf(http.status())});
        for (HttpSignals.Redirect redirect : http.redirects()) {
            rows.add(new String[] {"redirect", redirect.status() + " -> " + redirect.location()});
        }
        for (Map.Entry<String, String> header : http.headers().entrySet()) {
            rows.add(new String[] {header.getKey(), header.getValue() == null ? "(absent)" : header.getValue()});
        }
        HttpSignals.CrawlerCheck crawler = http.crawler();
        String answer = crawler.status() == 0 ? "not answered (" + crawler.error() + ")"
                : (crawler.refused() ? "refused (" : "served (") + crawler.status() + ")";
        rows.add(new String[] {"GPTBot", answer});
    }

    private static void image(ProtectionReport report, List<String[]> rows) {
        if (report.format() == ImageFormat.UNKNOWN) {
            rows.add(new String[] {"format", "not an image"});
            return;
        }
        String size = report.width() > 0 ? ", " + report.width() + "x" + report.height() : "";
        String frames = report.frames() > 0 ? ", " + report.frames() + (report.frames() == 1 ? " frame" : " frames") : "";
        rows.add(new String[] {"format", report.format() + size + frames});
        if (!report.format().rewritable()) {
            // Nothing was read: "none" would claim a clean file that may well carry GPS and serial numbers.
            String notExamined = "not examined (ImageGuard cannot read " + report.format() + " metadata)";
            rows.add(new String[] {"data mining", notExamined});
            rows.add(new String[] {"rights", notExamined});
            rows.add(new String[] {"privacy", notExamined});
            return;
        }
        rows.add(new String[] {"data mining", report.dataMining() == null ? "none" : report.dataMining()});
        List<String> rights = report.rights().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        list("rights", rights, rows);
        list("privacy", report.privacyFindings(), rows);
    }

    /** The first item on the label's row, the others under it; "none" for an empty list. */
    private static void list(String label, List<String> items, List<String[]> rows) {
        if (items.isEmpty()) {
            rows.add(new String[] {label, "none"});
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            rows.add(new String[] {i == 0 ? label : "", items.get(i)});
        }
    }
}
