package org.imageguard.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Reports what protection files or URLs carry. Implemented by a later issue; the options are final. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Show what protection image files or URLs carry.",
            "Format, dimensions, DataMining code, rights fields, privacy-sensitive metadata (GPS, serials, owner "
                + "names) and, for URLs, the HTTP signals (X-Robots-Tag, tdm-reservation, Content-Usage, "
                + "Cache-Control) and whether a training crawler is refused."})
final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per input instead of text.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE|URL", description = "Image files or http(s) URLs.")
    List<String> inputs;

    @Override
    public Integer call() {
        return ExitCode.notAvailable(spec.commandLine().getErr(), "inspect");
    }
}
