package org.imageguard.http;

/**
 * What an adapter does with a request after {@link ImageGuardPipeline#begin}: answer it now, forward it to the origin
 * through an {@link Exchange}, or forward it untouched without wrapping anything.
 */
public sealed interface Step permits Step.Respond, Step.Forward, Step.PassThrough {

    /** Answer without asking the origin: a denial or a fresh cache hit. */
    record Respond(HttpAnswer answer) implements Step {
    }

    /** Ask the origin as the exchange says, then let it decide. */
    record Forward(Exchange exchange) implements Step {
    }

    /** Not ours (e.g. POST): no wrapper, no buffering, no header. */
    record PassThrough() implements Step {
    }
}
