package org.imageguard.cli;

import java.io.PrintWriter;

/** The exit codes of every command (docs/cli.md). */
final class ExitCode {

    static final int OK = 0;
    /** Some of the work failed (a file could not be rewritten, a URL not fetched). */
    static final int FAILED = 1;
    /** The command line or the configuration is wrong; the message names the problem. */
    static final int USAGE = 2;

    private ExitCode() {
    }

    /** For commands that later issues implement: a clear refusal rather than a silent success. */
    static int notAvailable(PrintWriter err, String command) {
        err.println(command + " is not available yet in this build");
        return USAGE;
    }
}
