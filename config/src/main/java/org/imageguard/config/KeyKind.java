package org.imageguard.config;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How one kind of value is read from YAML, printed back in the language ops write, and spelled in the policy
 * fingerprint's canonical text. The printed and canonical spellings differ only where the fingerprint must stay what
 * it always was ({@code 33554432} bytes where the printer writes {@code 32MB}).
 *
 * <pre>{@code
 * KeyKind<Boolean> kind = KeyKind.bool();
 * boolean webp = kind.read(reader, "webp", false); // a bad value is reported at its line, the fallback returned
 * }</pre>
 *
 * @param <V> the value's Java type, as the settings record holds it
 */
final class KeyKind<V> {

    /** Reads {@code key} of a section, reporting a bad value and returning {@code fallback}. */
    @FunctionalInterface
    interface Reader<V> {
        V read(MappingReader r, String key, V fallback);
    }

    private final Reader<V> reader;
    private final Function<V, String> printed;
    private final Function<V, String> canonical;

    private KeyKind(Reader<V> reader, Function<V, String> printed, Function<V, String> canonical) {
        this.reader = reader;
        this.printed = printed;
        this.canonical = canonical;
    }

    /** A kind whose canonical spelling is its printed one. */
    private static <V> KeyKind<V> of(Reader<V> reader, Function<V, String> printed) {
        return new KeyKind<>(reader, printed, printed);
    }

    /** A scalar parsed by {@code parser}, whose {@link IllegalArgumentException} message becomes the error. */
    private static <V> Reader<V> parsing(Function<String, V> parser) {
        return (r, key, fallback) -> r.parsed(key, fallback, parser);
    }

    static KeyKind<String> text() {
        return new KeyKind<>(MappingReader::text, ConfigPrinter::quote, Function.identity());
    }

    /** Text that, when set, is an absolute http(s) URL. */
    static KeyKind<String> url() {
        return new KeyKind<>(parsing(value -> {
            if (!value.isEmpty()) {
                ConfigValues.parseHttpUrl(ConfigValues.requireText(value));
            }
            return value;
        }), ConfigPrinter::quote, Function.identity());
    }

    /** Text that, when set, is a path on this site or an absolute http(s) URL. */
    static KeyKind<String> redirectTarget() {
        return new KeyKind<>(parsing(value -> {
            ConfigValues.requireText(value);
            if (!value.isEmpty() && !value.startsWith("/")) {
                ConfigValues.parseHttpUrl(value);
            }
            return value;
        }), ConfigPrinter::quote, Function.identity());
    }

    /**
     * A {@link WatermarkLogo} file, read and checked when the configuration loads; {@code ""} for none. Its canonical
     * spelling is the file's SHA-256 (replacing the logo changes the fingerprint), and none at all while unset.
     */
    static KeyKind<java.util.Optional<WatermarkLogo>> logo() {
        return new KeyKind<>(parsing(value -> value.isEmpty() ? java.util.Optional.<WatermarkLogo>empty()
                : java.util.Optional.of(WatermarkLogo.load(value))),
                logo -> ConfigPrinter.quote(logo.map(l -> l.path().toString()).orElse("")),
                logo -> logo.map(WatermarkLogo::sha256).orElse(null));
    }

    static KeyKind<Boolean> bool() {
        return of(MappingReader::bool, String::valueOf);
    }

    static KeyKind<Integer> integer(int min, int max) {
        return of((r, key, fallback) -> r.integer(key, fallback, min, max), String::valueOf);
    }

    static KeyKind<Double> decimal(double min, double max) {
        return of((r, key, fallback) -> r.decimal(key, fallback, min, max), ConfigValues::formatNumber);
    }

    static <E extends Enum<E> & YamlEnum> KeyKind<E> choice(Class<E> type) {
        return of((r, key, fallback) -> r.choice(key, fallback, type), YamlEnum::yamlName);
    }

    static KeyKind<DataMining> dataMining() {
        String codes = Arrays.stream(DataMining.values()).map(DataMining::code).collect(Collectors.joining(", "));
        return of(parsing(value -> DataMining.fromCode(value)
                .orElseThrow(() -> new IllegalArgumentException("'" + ConfigValues.printable(value)
                        + "' is not a DataMining code; valid codes: " + codes))), DataMining::code);
    }

    /** {@code auto} or 1..100. */
    static KeyKind<Integer> quality() {
        return of(parsing(ConfigValues::parseQuality),
                quality -> quality == OptimizeSettings.AUTO_QUALITY ? "auto" : Integer.toString(quality));
    }

    /** Printed {@code 2.5%}; canonical {@code 2.5}. */
    static KeyKind<Double> percent() {
        return new KeyKind<>(parsing(ConfigValues::parsePercent), ConfigValues::formatPercent,
                ConfigValues::formatNumber);
    }

    /** Printed {@code 32MB}; canonical the number of bytes. */
    static KeyKind<DataSize> size() {
        return new KeyKind<>(parsing(ConfigValues::parseSize), DataSize::toString,
                size -> Long.toString(size.bytes()));
    }

    /** A positive pixel count: printed {@code 50M}; canonical the number. */
    static KeyKind<Long> pixels() {
        return new KeyKind<>(parsing(value -> {
            long pixels = ConfigValues.parsePixels(value);
            if (pixels <= 0) {
                throw new IllegalArgumentException(ConfigValues.expected("a positive pixel count like 50M", value));
            }
            return pixels;
        }), ConfigValues::formatPixels, String::valueOf);
    }

    /** A list of texts, each checked by {@code validator}. */
    static KeyKind<List<String>> list(Function<String, ?> validator) {
        return of((r, key, fallback) -> r.textList(key, fallback, validator), ConfigPrinter::list);
    }

    V read(MappingReader r, String key, V fallback) {
        return reader.read(r, key, fallback);
    }

    /** The value as {@code check-config} prints it; {@code value} is of this kind's type. */
    String printed(Object value) {
        return printed.apply(cast(value));
    }

    /** The value as the policy fingerprint hashes it; {@code value} is of this kind's type. */
    String canonical(Object value) {
        return canonical.apply(cast(value));
    }

    @SuppressWarnings("unchecked") // the table pairs a key with its record component; round-trip tests read every key
    private V cast(Object value) {
        return (V) value;
    }
}
