package io.dqlite4j.client;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every connection parameter dqlite4j understands, in one place: the URL query keys, the keys of
 * the {@link java.util.Properties} given to the JDBC driver, and the rows of
 * {@code Driver.getPropertyInfo}. Keys, defaults and ranges follow the Python stack
 * ({@code dqlite-client} / {@code sqlalchemy-dqlite}) so a URL can be moved between the two.
 *
 * <p>Each constant knows its {@linkplain #key() key}, a {@linkplain #description() description},
 * its {@linkplain #defaultValue() default} as URL text, the {@linkplain #allowedValues() allowed
 * values} as human-readable text and, for enumerated parameters, the {@linkplain #choices()
 * choices}. {@link #parse(String)} turns raw text into the typed value documented on each
 * constant, or throws an {@link IllegalArgumentException} naming the key, the bad value and the
 * allowed range.
 *
 * <p>Common parsing rules: leading and trailing whitespace is removed; an empty value is an
 * error; numbers are plain ASCII decimals (an optional sign, optional fraction and exponent for
 * seconds); {@code NaN} and {@code Infinity} are rejected, and so are boolean words for numeric
 * keys. Durations are given in (possibly fractional) seconds and are rounded up to whole
 * nanoseconds, so a positive value never becomes zero; the largest duration accepted is
 * 1000000000 seconds (about 31 years), which keeps deadline arithmetic in
 * nanoseconds free of overflow. {@code none} is matched case-insensitively.
 */
public enum DqliteProperty {

    /**
     * {@code timeout}: seconds allowed for each request phase (each send, each read, each
     * continuation read), not end to end. Parses to a {@link Duration}.
     */
    TIMEOUT("timeout", "10", Spec.seconds(BigDecimal.ZERO, false, false),
            "Seconds allowed for each request phase (each send, each read and each continuation read"
                    + " gets the full budget), not end to end"),

    /**
     * {@code dial_timeout}: seconds allowed for the TCP connect. Unset means the value of
     * {@link #TIMEOUT}. Parses to a {@link Duration}.
     */
    DIAL_TIMEOUT("dial_timeout", "", Spec.seconds(BigDecimal.ZERO, false, false),
            "Seconds allowed for the TCP connect; empty default means the same as timeout"),

    /**
     * {@code attempt_timeout}: seconds allowed for one connection attempt (dial, handshake and
     * OPEN; for a leader probe also the probe and its verification). Unset means the value of
     * {@link #TIMEOUT}. Parses to a {@link Duration}.
     */
    ATTEMPT_TIMEOUT("attempt_timeout", "", Spec.seconds(BigDecimal.ZERO, false, false),
            "Seconds allowed for one connection attempt (dial + handshake + OPEN, and for a leader"
                    + " probe also its verification); empty default means the same as timeout"),

    /**
     * {@code close_timeout}: seconds {@code close()} waits for the transport to drain, at least
     * 0.01. Parses to a {@link Duration}.
     */
    CLOSE_TIMEOUT("close_timeout", "0.5", Spec.seconds(new BigDecimal("0.01"), true, false),
            "Seconds close() waits for the transport to drain"),

    /**
     * {@code busy_timeout}: total seconds spent retrying statements that fail with SQLITE_BUSY
     * where a retry is safe; 0 disables the retries. Parses to a {@link Duration}.
     */
    BUSY_TIMEOUT("busy_timeout", "5", Spec.seconds(BigDecimal.ZERO, true, false),
            "Seconds spent retrying statements that fail with SQLITE_BUSY (client side, where safe);"
                    + " 0 disables the retries"),

    /**
     * {@code max_total_rows}: cap on the rows of one result, or {@code none} for no cap. Parses to
     * a {@link Long}; {@code none} gives {@link Long#MAX_VALUE}.
     */
    MAX_TOTAL_ROWS("max_total_rows", "10000000", Spec.count(1, Integer.MAX_VALUE, Long.MAX_VALUE, "no cap"),
            "Maximum number of rows in one result (defence against runaway results); none disables the cap"),

    /**
     * {@code max_continuation_frames}: cap on the response frames of one result, or {@code none}
     * for no cap. Parses to a {@link Long}; {@code none} gives {@link Long#MAX_VALUE}.
     */
    MAX_CONTINUATION_FRAMES("max_continuation_frames", "100000",
            Spec.count(1, Integer.MAX_VALUE, Long.MAX_VALUE, "no cap"),
            "Maximum number of continuation frames in one result; none disables the cap"),

    /**
     * {@code max_message_size}: largest frame, in bytes, the client sends or accepts. Parses to an
     * {@link Integer}; {@code none} gives the hard ceiling {@link Integer#MAX_VALUE}.
     */
    MAX_MESSAGE_SIZE("max_message_size", "67108864",
            Spec.count(1, Integer.MAX_VALUE, (long) Integer.MAX_VALUE, "the hard ceiling 2147483647"),
            "Largest message in bytes the client sends or accepts (bounds memory per frame)"),

    /**
     * {@code trust_server_heartbeat}: when true the per-read deadline widens to the server's
     * heartbeat interval (capped at 300 s); the write deadline never widens. Parses to a
     * {@link Boolean}.
     */
    TRUST_SERVER_HEARTBEAT("trust_server_heartbeat", "false", Spec.bool(),
            "Widen the per-read deadline to the server's heartbeat interval (capped at 300 s)"),

    /**
     * {@code session_mode}: how a transaction the driver opens begins. Parses to a
     * {@link SessionMode}.
     */
    SESSION_MODE("session_mode", "immediate", Spec.sessionMode(),
            "How driver-opened transactions begin: immediate (BEGIN IMMEDIATE), deferred (BEGIN),"
                    + " exclusive (BEGIN EXCLUSIVE) or read_only"),

    /**
     * {@code max_attempts}: connect-with-retry attempts (leader discovery rounds). Parses to an
     * {@link Integer}. The default of 20 rounds with backoff capped at 0.5 s spans about 9 s,
     * longer than a Raft election (5–6 s), so a failover is ridden out, while a new leader is
     * found within about 0.5 s of its election (the Python stack's 3 gives up within a second).
     */
    MAX_ATTEMPTS("max_attempts", "20", Spec.count(1, 100, null, null),
            "Connect attempts (leader discovery rounds) before giving up"),

    /**
     * {@code max_elapsed}: optional wall-clock cap on connect retries, or {@code none}. Parses to
     * an {@code Optional<Duration>}, empty for {@code none}.
     */
    MAX_ELAPSED("max_elapsed", "none", Spec.seconds(BigDecimal.ZERO, false, true),
            "Wall-clock cap in seconds on connect retries; none means only max_attempts limits them"),

    /**
     * {@code concurrent_leader_conns}: how many nodes are probed in parallel during leader
     * discovery. Parses to an {@link Integer}.
     */
    CONCURRENT_LEADER_CONNS("concurrent_leader_conns", "10", Spec.count(1, 64, null, null),
            "Nodes probed in parallel during leader discovery"),

    /**
     * {@code batch_rewrite}: whether a JDBC or R2DBC batch of a single-row {@code INSERT … VALUES
     * (…)} goes out as multi-row INSERT statements (with exact per-item counts; see
     * {@code docs/batches.md}); false sends one EXEC per item. Parses to a {@link Boolean}.
     */
    BATCH_REWRITE("batch_rewrite", "true", Spec.bool(),
            "Send batches of a single-row INSERT as multi-row INSERT statements (exact per-item counts are kept);"
                    + " false sends one EXEC per item"),

    /**
     * {@code statement_cache_size}: prepared statements kept per connection; 0 disables the cache.
     * Parses to an {@link Integer}.
     */
    STATEMENT_CACHE_SIZE("statement_cache_size", "64", Spec.count(0, 10000, null, null),
            "Prepared statements kept per connection; 0 disables the cache"),

    /**
     * {@code redirect_allowlist}: the addresses a server may redirect the client to, as a
     * comma-separated list of {@code host:port}, or {@code none} (the default). With {@code none}
     * every valid redirect is followed except one to a link-local address (169.254.0.0/16,
     * fe80::/10: the cloud metadata range). With a list, a redirect is followed only to a listed
     * address or a seed, compared in canonical form (the Python stack's {@code allowlist_policy});
     * a listed link-local address is then allowed. Parses to an unmodifiable
     * {@code List<NodeAddress>}, empty for {@code none}.
     */
    REDIRECT_ALLOWLIST("redirect_allowlist", "none", Spec.addresses(),
            "Addresses (host:port, comma-separated) a leader redirect may name besides the seeds;"
                    + " none follows every redirect except to link-local addresses"),

    // TLS (docs/tls.md). Any tls_* key turns TLS on; tls=false together with one is an error.

    /**
     * {@code tls}: speak mutual TLS to every node. Parses to a {@link Boolean}; implied by any
     * other {@code tls_*} key.
     */
    TLS("tls", "false", Spec.bool(),
            "Speak TLS to every node; implied by any other tls_* key (tls=false together with one is an error)"),

    /** {@code tls_ca}: PEM file of the certificates to trust. Parses to a {@link String} path. */
    TLS_CA("tls_ca", "", Spec.text("a PEM file of CA certificates"),
            "PEM file of the certificates to trust (a cluster certificate is its own CA); empty default means"
                    + " the JVM's trust store"),

    /** {@code tls_cert}: PEM file of the client certificate chain. Parses to a {@link String} path. */
    TLS_CERT("tls_cert", "", Spec.text("a PEM certificate file"),
            "PEM file of the client certificate (chain), presented to the nodes; needs tls_key"),

    /**
     * {@code tls_key}: PEM file of the client certificate's unencrypted private key, PKCS#8 or
     * traditional ({@code EC PRIVATE KEY} / {@code RSA PRIVATE KEY}). Parses to a {@link String} path.
     */
    TLS_KEY("tls_key", "", Spec.text("a PEM private key file"),
            "PEM file of the client certificate's unencrypted private key (PKCS#8, EC PRIVATE KEY or"
                    + " RSA PRIVATE KEY); needs tls_cert"),

    /**
     * {@code tls_verify}: what is checked of the server certificate. Parses to a
     * {@link io.dqlite4j.client.tls.TlsVerify}.
     */
    TLS_VERIFY("tls_verify", "full", Spec.tlsVerify(),
            "Server certificate checks: full (chain and host name or IP), ca (chain only) or none (nothing; tests)"),

    /**
     * {@code tls_server_name}: the name verified against the server certificate and sent as SNI,
     * instead of the dialled host. Parses to a {@link String}.
     */
    TLS_SERVER_NAME("tls_server_name", "", Spec.text("a host name"),
            "Name to verify in the server certificate and send as SNI; empty default means the dialled host");

    /** Text form of the largest accepted duration (a compile-time constant, so usable in constructors). */
    private static final String MAX_SECONDS_TEXT = "1000000000";

    private final String key;
    private final String defaultValue;
    private final Spec spec;
    private final String description;

    DqliteProperty(String key, String defaultValue, Spec spec, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.spec = spec;
        this.description = description;
    }

    /**
     * The key used in URLs and {@link java.util.Properties}, e.g. {@code busy_timeout}.
     *
     * @return the snake_case key
     */
    public String key() {
        return key;
    }

    /**
     * What the parameter does, one sentence.
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The default as URL text. It is empty for {@link #DIAL_TIMEOUT} and {@link #ATTEMPT_TIMEOUT},
     * whose default is "the value of {@code timeout}", and for {@link #TLS_CA}, {@link #TLS_CERT},
     * {@link #TLS_KEY} and {@link #TLS_SERVER_NAME}, which are unset by default (an empty string
     * is not itself a valid value); every other default parses with {@link #parse(String)}.
     *
     * @return the default value text
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The allowed values in words, e.g. {@code an integer 1..100}; used in error messages and
     * tool tips.
     *
     * @return the allowed values
     */
    public String allowedValues() {
        return spec.allowed;
    }

    /**
     * The canonical choices of an enumerated parameter ({@code true}/{@code false}, or the session
     * modes), suitable for {@code DriverPropertyInfo.choices}; empty for free-form parameters.
     * Parsing also accepts the synonyms that {@link #allowedValues()} lists.
     *
     * @return a fresh array of choices, possibly empty
     */
    public String[] choices() {
        return spec.choices.clone();
    }

    /**
     * Parses and validates a raw value (surrounding whitespace is ignored).
     *
     * @param raw the text from a URL (already percent-decoded) or from {@link java.util.Properties}
     * @return the typed value documented on the constant ({@link Duration},
     *         {@code Optional<Duration>}, {@link Integer}, {@link Long}, {@link Boolean},
     *         {@link SessionMode}, {@code List<NodeAddress>}, {@link String} or
     *         {@link io.dqlite4j.client.tls.TlsVerify})
     * @throws NullPointerException if {@code raw} is null
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    public Object parse(String raw) {
        if (raw == null) {
            throw new NullPointerException("value of " + key);
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            throw invalid(raw, "the value is empty");
        }
        switch (spec.kind) {
            case SECONDS:
                return parseSeconds(raw, value);
            case COUNT:
                return parseCount(raw, value);
            case BOOLEAN:
                return parseBoolean(raw, value);
            case ADDRESSES:
                return parseAddresses(raw, value);
            case TEXT:
                return value;
            case TLS_VERIFY:
                try {
                    return io.dqlite4j.client.tls.TlsVerify.fromUrlValue(value);
                } catch (IllegalArgumentException e) {
                    IllegalArgumentException wrapped = invalid(raw, "not a verification mode");
                    wrapped.initCause(e);
                    throw wrapped;
                }
            default:
                try {
                    return SessionMode.fromUrlValue(value);
                } catch (IllegalArgumentException e) {
                    IllegalArgumentException wrapped = invalid(raw, "not a session mode");
                    wrapped.initCause(e);
                    throw wrapped;
                }
        }
    }

    /**
     * The parameter with this exact (case-sensitive) key.
     *
     * @param key a key such as {@code timeout}; {@code null} finds nothing
     * @return the parameter, or empty if the key is unknown
     */
    public static Optional<DqliteProperty> forKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        for (DqliteProperty p : values()) {
            if (p.key.equals(key)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * All keys, sorted and separated by {@code ", "}, for "unknown parameter" messages.
     *
     * @return the allowed keys
     */
    public static String allowedKeys() {
        return Arrays.stream(values()).map(DqliteProperty::key).sorted().collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------------------------------
    // Package-private support for DqliteConfig

    /**
     * Checks a typed value given to a builder setter against the same range as {@link #parse}.
     *
     * @throws IllegalArgumentException naming the key, the value and the allowed values
     */
    void checkTyped(Object value) {
        switch (spec.kind) {
            case SECONDS: {
                Duration d = spec.noneAllowed ? ((Optional<?>) value).map(Duration.class::cast).orElse(null)
                        : (Duration) value;
                if (d != null) {
                    checkSecondsRange(format(value), toSeconds(d));
                }
                break;
            }
            case COUNT: {
                long v = ((Number) value).longValue();
                boolean none = spec.noneValue != null && v == spec.noneValue;
                if (!none && (v < spec.min || v > spec.max)) {
                    throw invalid(Long.toString(v), "out of range");
                }
                break;
            }
            case ADDRESSES:
                for (Object a : (java.util.List<?>) value) {
                    if (!(a instanceof NodeAddress)) {
                        throw invalid(String.valueOf(a), "not a NodeAddress");
                    }
                }
                break;
            default:
                // Booleans and session modes have no range.
                break;
        }
    }

    /** The canonical URL text of a typed value, such that {@code parse(format(v))} equals v. */
    String format(Object value) {
        if (value == null) {
            return ""; // a text parameter left at its empty default
        }
        switch (spec.kind) {
            case SECONDS: {
                if (spec.noneAllowed) {
                    Optional<?> o = (Optional<?>) value;
                    return o.isEmpty() ? "none" : formatSeconds((Duration) o.get());
                }
                return formatSeconds((Duration) value);
            }
            case COUNT: {
                long v = ((Number) value).longValue();
                // max_message_size's "none" is just its ceiling, so it prints as the number.
                return spec.noneValue != null && spec.noneValue == Long.MAX_VALUE && v == Long.MAX_VALUE
                        ? "none" : Long.toString(v);
            }
            case BOOLEAN:
            case TEXT:
                return value.toString();
            case ADDRESSES: {
                java.util.List<?> list = (java.util.List<?>) value;
                return list.isEmpty() ? "none" : list.stream().map(Object::toString).collect(Collectors.joining(","));
            }
            case TLS_VERIFY:
                return ((io.dqlite4j.client.tls.TlsVerify) value).urlValue();
            default:
                return ((SessionMode) value).urlValue();
        }
    }

    /** Whether the value's type fits this parameter, so a wrong builder call fails clearly. */
    boolean acceptsType(Object value) {
        switch (spec.kind) {
            case SECONDS:
                return spec.noneAllowed ? value instanceof Optional : value instanceof Duration;
            case COUNT:
                return spec.noneValue != null && spec.noneValue == Long.MAX_VALUE
                        ? value instanceof Long : value instanceof Integer;
            case BOOLEAN:
                return value instanceof Boolean;
            case ADDRESSES:
                return value instanceof java.util.List;
            case TEXT:
                return value instanceof String;
            case TLS_VERIFY:
                return value instanceof io.dqlite4j.client.tls.TlsVerify;
            default:
                return value instanceof SessionMode;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Parsers

    /** Plain decimal with optional exponent; ASCII digits only (\d is ASCII-only by default). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    /** Longer numbers are not a plausible setting and would only cost parsing time. */
    private static final int MAX_NUMBER_LENGTH = 64;
    private static final BigDecimal MAX_SECONDS = new BigDecimal(MAX_SECONDS_TEXT);
    private static final Set<String> NON_FINITE = Set.of(
            "nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity");
    private static final Set<String> TRUE_TOKENS = Set.of("1", "true", "yes", "on");
    private static final Set<String> FALSE_TOKENS = Set.of("0", "false", "no", "off");
    private static final Set<String> BOOLEAN_WORDS = Set.of("true", "false", "yes", "no", "on", "off");

    private Object parseSeconds(String raw, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (spec.noneAllowed && lower.equals("none")) {
            return Optional.empty();
        }
        checkNumeric(raw, lower);
        if (!DECIMAL.matcher(value).matches()) {
            throw invalid(raw, "not a decimal number of seconds");
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value);
        } catch (NumberFormatException e) {
            // Only an exponent beyond int range gets here.
            throw invalid(raw, "the exponent is out of range");
        }
        checkSecondsRange(raw, seconds);
        // Round up so that a tiny positive value can never collapse to a zero timeout.
        long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
        Duration d = Duration.ofNanos(nanos);
        return spec.noneAllowed ? Optional.of(d) : d;
    }

    private void checkSecondsRange(String shown, BigDecimal seconds) {
        int cmp = seconds.compareTo(spec.minSeconds);
        if (cmp < 0 || (cmp == 0 && !spec.minInclusive) || seconds.compareTo(MAX_SECONDS) > 0) {
            throw invalid(shown, "out of range");
        }
    }

    private Object parseCount(String raw, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (spec.noneValue != null && lower.equals("none")) {
            return boxCount(spec.noneValue);
        }
        checkNumeric(raw, lower);
        if (!INTEGER.matcher(value).matches()) {
            throw invalid(raw, DECIMAL.matcher(value).matches() ? "not a whole number" : "not a number");
        }
        BigInteger v = new BigInteger(value);
        if (v.compareTo(BigInteger.valueOf(spec.min)) < 0 || v.compareTo(BigInteger.valueOf(spec.max)) > 0) {
            throw invalid(raw, "out of range");
        }
        return boxCount(v.longValue());
    }

    /** Long for the "none = no cap" parameters, Integer for the others (see each constant). */
    private Object boxCount(long v) {
        return spec.noneValue != null && spec.noneValue == Long.MAX_VALUE ? (Object) v : (Object) (int) v;
    }

    /** Shared checks for numeric keys: words that are not numbers get a precise message. */
    private void checkNumeric(String raw, String lower) {
        if (lower.length() > MAX_NUMBER_LENGTH) {
            throw invalid(raw, "the value is too long to be a setting");
        }
        if (NON_FINITE.contains(lower)) {
            throw invalid(raw, "the value must be a finite number");
        }
        if (BOOLEAN_WORDS.contains(lower)) {
            throw invalid(raw, "a boolean is not accepted for a numeric parameter");
        }
    }

    private Object parseBoolean(String raw, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (TRUE_TOKENS.contains(lower)) {
            return Boolean.TRUE;
        }
        if (FALSE_TOKENS.contains(lower)) {
            return Boolean.FALSE;
        }
        throw invalid(raw, "not a boolean");
    }

    private Object parseAddresses(String raw, String value) {
        if (value.equalsIgnoreCase("none")) {
            return java.util.List.of();
        }
        java.util.List<NodeAddress> out = new java.util.ArrayList<>();
        for (String part : value.split(",", -1)) {
            try {
                NodeAddress a = NodeAddress.parse(part.strip());
                if (!out.contains(a)) {
                    out.add(a);
                }
            } catch (IllegalArgumentException e) {
                IllegalArgumentException wrapped = invalid(raw, e.getMessage());
                wrapped.initCause(e);
                throw wrapped;
            }
        }
        return java.util.List.copyOf(out);
    }

    private IllegalArgumentException invalid(String shown, String problem) {
        return new IllegalArgumentException("invalid value " + NodeAddress.quote(shown) + " for dqlite parameter '"
                + key + "': " + problem + "; allowed: " + spec.allowed);
    }

    private static BigDecimal toSeconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    }

    private static String formatSeconds(Duration d) {
        return toSeconds(d).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------------------------------

    /** The shapes a value can take. */
    private enum Kind { SECONDS, COUNT, BOOLEAN, SESSION_MODE, ADDRESSES, TEXT, TLS_VERIFY }

    /**
     * Value shape and bounds of one parameter. A nested class (not enum fields) because enum
     * constructors run before the enum's own static fields are initialised.
     */
    private static final class Spec {
        final Kind kind;
        final BigDecimal minSeconds;
        final boolean minInclusive;
        final boolean noneAllowed;
        final long min;
        final long max;
        /** What {@code none} parses to for counts, or {@code null} when {@code none} is not allowed. */
        final Long noneValue;
        final String allowed;
        final String[] choices;

        private Spec(Kind kind, BigDecimal minSeconds, boolean minInclusive, boolean noneAllowed,
                     long min, long max, Long noneValue, String allowed, String[] choices) {
            this.kind = kind;
            this.minSeconds = minSeconds;
            this.minInclusive = minInclusive;
            this.noneAllowed = noneAllowed;
            this.min = min;
            this.max = max;
            this.noneValue = noneValue;
            this.allowed = allowed;
            this.choices = choices;
        }

        static Spec seconds(BigDecimal min, boolean inclusive, boolean none) {
            String text = "a number of seconds, finite, " + (inclusive ? ">= " : "> ") + min.toPlainString()
                    + " and <= " + MAX_SECONDS_TEXT + (none ? ", or none (no cap)" : "");
            return new Spec(Kind.SECONDS, min, inclusive, none, 0, 0, null, text, new String[0]);
        }

        static Spec count(long min, long max, Long noneValue, String noneMeaning) {
            String text = "an integer " + min + ".." + max
                    + (noneValue == null ? "" : ", or none (" + noneMeaning + ")");
            return new Spec(Kind.COUNT, null, false, noneValue != null, min, max, noneValue, text, new String[0]);
        }

        static Spec bool() {
            return new Spec(Kind.BOOLEAN, null, false, false, 0, 0, null,
                    "true/false, 1/0, yes/no or on/off (case-insensitive)", new String[] {"true", "false"});
        }

        static Spec addresses() {
            return new Spec(Kind.ADDRESSES, null, false, false, 0, 0, null,
                    "none, or host:port addresses separated by commas", new String[0]);
        }

        static Spec text(String allowed) {
            return new Spec(Kind.TEXT, null, false, false, 0, 0, null, allowed, new String[0]);
        }

        static Spec tlsVerify() {
            return new Spec(Kind.TLS_VERIFY, null, false, false, 0, 0, null, "full, ca or none (case-insensitive)",
                    new String[] {"full", "ca", "none"});
        }

        static Spec sessionMode() {
            String[] modes = Arrays.stream(SessionMode.values()).map(SessionMode::urlValue).toArray(String[]::new);
            return new Spec(Kind.SESSION_MODE, null, false, false, 0, 0, null,
                    String.join(", ", modes) + " (case-insensitive)", modes);
        }
    }
}
