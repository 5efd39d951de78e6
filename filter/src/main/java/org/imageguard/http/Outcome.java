package org.imageguard.http;

import java.util.EnumMap;
import java.util.Map;

/**
 * What ImageGuard did with one response, typed: the pipeline decides it, {@link Responder} renders it into the
 * {@code X-ImageGuard} header (its text is the one docs/http.md lists), and metrics and logs read it from the
 * {@link HttpAnswer} without parsing the header back. A response that is not ImageGuard's has no outcome (null).
 *
 * <pre>{@code
 * Outcome.hit(Stage.OPTIMIZED).header().value();      // "hit;stage=optimized"
 * Outcome.bypass(BypassReason.TOO_LARGE).header();    // X-ImageGuard: bypass;reason=too-large
 * if (answer.outcome() instanceof Outcome.Miss) { ... the engine ran for this request ... }
 * }</pre>
 */
public sealed interface Outcome {

    String HEADER_NAME = "X-ImageGuard";

    /** The {@code X-ImageGuard} header saying this outcome; one shared instance per outcome. */
    Header header();

    /** The {@code outcome} label of the request metrics: {@code hit}, {@code miss}, {@code bypass} or {@code busy}. */
    String word();

    /** Served from the cache, with the stage of the stored body. */
    static Outcome hit(Stage stage) {
        return Hit.BY_STAGE.get(stage);
    }

    /** Rewritten for this request (and stored), with the stage of the body. */
    static Outcome miss(Stage stage) {
        return Miss.BY_STAGE.get(stage);
    }

    static Outcome bypass(BypassReason reason) {
        return Bypass.BY_REASON.get(reason);
    }

    /** Refused with 503 because the in-flight budget was spent ({@code on-busy: wait} or {@code reject}). */
    static Outcome busy() {
        return Busy.INSTANCE;
    }

    /** @param stage which body was served */
    record Hit(Stage stage, Header header) implements Outcome {
        private static final Map<Stage, Hit> BY_STAGE = byStage(stage -> new Hit(stage,
                new Header(HEADER_NAME, "hit;stage=" + stage.label())));

        @Override
        public String word() {
            return "hit";
        }
    }

    /** @param stage which body was made and served */
    record Miss(Stage stage, Header header) implements Outcome {
        private static final Map<Stage, Miss> BY_STAGE = byStage(stage -> new Miss(stage,
                new Header(HEADER_NAME, "miss;stage=" + stage.label())));

        @Override
        public String word() {
            return "miss";
        }
    }

    /** @param reason why the image went out unprotected, or was refused */
    record Bypass(BypassReason reason, Header header) implements Outcome {
        private static final Map<BypassReason, Bypass> BY_REASON = new EnumMap<>(BypassReason.class);

        static {
            for (BypassReason reason : BypassReason.values()) {
                BY_REASON.put(reason, new Bypass(reason, new Header(HEADER_NAME, "bypass;reason=" + reason.word())));
            }
        }

        @Override
        public String word() {
            return "bypass";
        }
    }

    /** The 503 of a spent in-flight budget. */
    record Busy(Header header) implements Outcome {
        private static final Busy INSTANCE = new Busy(new Header(HEADER_NAME, "busy"));

        @Override
        public String word() {
            return "busy";
        }
    }

    private static <T> Map<Stage, T> byStage(java.util.function.Function<Stage, T> make) {
        Map<Stage, T> out = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            out.put(stage, make.apply(stage));
        }
        return out;
    }
}
