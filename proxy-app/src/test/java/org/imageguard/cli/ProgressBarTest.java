package org.imageguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter err = new StringWriter();

    @Test
    void onATerminalTheBarIsRedrawnOnOneLineAndEndsFull() {
        ProgressBar bar = ProgressBar.of(new PrintWriter(err), 4, true);
        for (int i = 0; i < 4; i++) {
            bar.step();
        }
        bar.finish();

        String last = err.toString().substring(err.toString().lastIndexOf('\r') + 1);
        assertThat(last).isEqualTo("[" + "#".repeat(30) + "] 4/4 files\n");
        assertThat(err.toString()).startsWith("\r[#######" + " ".repeat(23) + "] 1/4 files");
    }

    @Test
    void aMessageClearsTheBarAndTheBarComesBackBelowIt() {
        ProgressBar bar = ProgressBar.of(new PrintWriter(err), 2, true);
        bar.step();
        bar.message("a.jpg: JPEG at offset 2: broken");

        String bar1 = "[" + "#".repeat(15) + " ".repeat(15) + "] 1/2 files";
        assertThat(err.toString()).isEqualTo("\r" + bar1 + "\r" + " ".repeat(bar1.length()) + "\r"
                + "a.jpg: JPEG at offset 2: broken\n" + "\r" + bar1);
    }

    @Test
    void withoutATerminalOnlyTheMessagesArePrinted() {
        ProgressBar bar = ProgressBar.of(new PrintWriter(err), 2, false);
        bar.step();
        bar.message("a.jpg: JPEG at offset 2: broken");
        bar.step();
        bar.finish();

        assertThat(err.toString()).isEqualTo("a.jpg: JPEG at offset 2: broken\n");
    }
}
