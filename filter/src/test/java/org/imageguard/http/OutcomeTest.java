package org.imageguard.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void theHeaderTextIsTheDocumentedOne() {
        assertThat(Outcome.hit(Stage.OPTIMIZED).header()).isEqualTo(new Header("X-ImageGuard", "hit;stage=optimized"));
        assertThat(Outcome.hit(Stage.PROTECTED_FINAL).header().value()).isEqualTo("hit;stage=protected");
        assertThat(Outcome.miss(Stage.PROTECTED).header().value()).isEqualTo("miss;stage=protected");
        assertThat(Outcome.bypass(BypassReason.NO_TRANSFORM).header().value()).isEqualTo("bypass;reason=no-transform");
        assertThat(Outcome.busy().header().value()).isEqualTo("busy");
    }

    /** The table in docs/http.md and the type list the same values: a new reason needs its line there. */
    @Test
    void everyOutcomeIsInTheDocumentedTableAndNothingElse() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "http.md"));
        String table = doc.substring(doc.indexOf("### `X-ImageGuard`"), doc.indexOf("## Conditional and range"));
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
        while (row.find()) {
            documented.add(row.group(1));
        }
        List<Outcome> all = new ArrayList<>();
        for (BypassReason reason : BypassReason.values()) {
            all.add(Outcome.bypass(reason));
        }
        all.add(Outcome.miss(Stage.PROTECTED));
        all.add(Outcome.hit(Stage.PROTECTED));
        all.add(Outcome.hit(Stage.OPTIMIZED));
        all.add(Outcome.busy());
        Set<String> rendered = new TreeSet<>();
        all.forEach(outcome -> rendered.add(outcome.header().value()));

        assertThat(rendered).isEqualTo(documented);
    }

    @Test
    void outcomesAreSharedInstancesSoAHitAllocatesNoLabel() {
        assertThat(Outcome.hit(Stage.PROTECTED)).isSameAs(Outcome.hit(Stage.PROTECTED));
        assertThat(Outcome.bypass(BypassReason.HOTLINK)).isSameAs(Outcome.bypass(BypassReason.HOTLINK));
        assertThat(Outcome.bypass(BypassReason.HOTLINK).word()).isEqualTo("bypass");
    }
}
