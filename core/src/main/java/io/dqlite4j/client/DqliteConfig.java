package io.dqlite4j.client;

import io.dqlite4j.client.tls.TlsSettings;
import io.dqlite4j.client.tls.TlsVerify;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;

/**
 * Immutable, validated connection configuration: the seed addresses, the database name and a
 * typed value for every {@link DqliteProperty}. It is produced by {@link DqliteUrl#parse(String)}
 * or by a {@link Builder}; both apply the same validation, so a config that exists is valid.
 *
 * <p>Getters return the effective value: the explicitly set one, else the default. Only
 * explicitly set values appear in {@link #toRawMap()}, so a config can be turned back into
 * URL parameters without freezing today's defaults into it.
 *
 * <p>Instances are thread-safe. {@link #equals(Object)} compares seeds (in order), database and
 * effective values, so an explicit {@code timeout=10} equals the default.
 */
public final class DqliteConfig {

    /** Database opened when none is named: {@value}. */
    public static final String DEFAULT_DATABASE = "default";

    /** Longest database name, in UTF-8 bytes, the client sends in OPEN: {@value}. */
    public static final int MAX_DATABASE_NAME_BYTES = 1019;

    /** Typed defaults, parsed once from the enum's default text (so the two cannot drift). */
    private static final Map<DqliteProperty, Object> DEFAULTS = new EnumMap<>(DqliteProperty.class);

    /** The keys that turn TLS on by being present. */
    private static final List<DqliteProperty> TLS_KEYS = List.of(DqliteProperty.TLS_CA, DqliteProperty.TLS_CERT,
            DqliteProperty.TLS_KEY, DqliteProperty.TLS_VERIFY, DqliteProperty.TLS_SERVER_NAME);

    static {
        for (DqliteProperty p : DqliteProperty.values()) {
            // dial_timeout and attempt_timeout default to timeout: resolved in effective().
            if (!p.defaultValue().isEmpty()) {
                DEFAULTS.put(p, p.parse(p.defaultValue()));
            }
        }
    }

    private final List<NodeAddress> seeds;
    private final String database;
    /** Explicitly set values, typed. */
    private final Map<DqliteProperty, Object> explicit;
    /** Every property's effective value, typed. */
    private final Map<DqliteProperty, Object> effective;
    /** The application's own TLS context, or null. Compared by identity. */
    private final SSLContext sslContext;
    /** Derived from the tls_* values and {@link #sslContext}; null when TLS is off. */
    private final TlsSettings tls;

    private DqliteConfig(List<NodeAddress> seeds, String database, Map<DqliteProperty, Object> explicit,
                         SSLContext sslContext, TlsSettings tls) {
        this.seeds = seeds;
        this.database = database;
        this.explicit = explicit;
        this.sslContext = sslContext;
        this.tls = tls;
        Map<DqliteProperty, Object> all = new EnumMap<>(DqliteProperty.class);
        for (DqliteProperty p : DqliteProperty.values()) {
            Object v = explicit.containsKey(p) ? explicit.get(p) : DEFAULTS.get(p);
            all.put(p, v);
        }
        Object timeout = all.get(DqliteProperty.TIMEOUT);
        all.putIfAbsent(DqliteProperty.DIAL_TIMEOUT, timeout);
        all.putIfAbsent(DqliteProperty.ATTEMPT_TIMEOUT, timeout);
        // EnumMap.putIfAbsent treats a null mapping as absent, which is what the loop left.
        this.effective = all;
    }

    /**
     * A builder with no seeds, the default database and every parameter at its default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this config's seeds, database and explicitly set values.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.seeds.addAll(seeds);
        b.database = database;
        b.values.putAll(explicit);
        b.sslContext = sslContext;
        return b;
    }

    /**
     * The bootstrap addresses, in the order given, without duplicates; never empty.
     *
     * @return an unmodifiable list of seeds
     */
    public List<NodeAddress> seeds() {
        return seeds;
    }

    /**
     * The database name sent in OPEN.
     *
     * @return the database name
     */
    public String database() {
        return database;
    }

    /**
     * {@code timeout}: budget for each request phase.
     *
     * @return the per-phase timeout
     */
    public Duration timeout() {
        return (Duration) effective.get(DqliteProperty.TIMEOUT);
    }

    /**
     * {@code dial_timeout}: budget for the TCP connect; {@link #timeout()} unless set.
     *
     * @return the dial timeout
     */
    public Duration dialTimeout() {
        return (Duration) effective.get(DqliteProperty.DIAL_TIMEOUT);
    }

    /**
     * {@code attempt_timeout}: budget for dial + handshake + OPEN; {@link #timeout()} unless set.
     *
     * @return the attempt timeout
     */
    public Duration attemptTimeout() {
        return (Duration) effective.get(DqliteProperty.ATTEMPT_TIMEOUT);
    }

    /**
     * Whether connections speak TLS: {@code tls=true}, any other {@code tls_*} key, or an
     * {@linkplain Builder#sslContext(SSLContext) SSLContext}.
     *
     * @return whether TLS is on
     */
    public boolean tlsEnabled() {
        return tls != null;
    }

    /**
     * The TLS settings every connection of this config uses (docs/tls.md).
     *
     * @return the settings, or empty when TLS is off
     */
    public Optional<TlsSettings> tls() {
        return Optional.ofNullable(tls);
    }

    /** The TLS settings or null: for the dial paths, without an Optional per connection. */
    TlsSettings tlsOrNull() {
        return tls;
    }

    /**
     * The application's own TLS context, when one was given.
     *
     * @return the context, or empty
     */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /**
     * {@code close_timeout}: how long close waits for the transport to drain.
     *
     * @return the close timeout
     */
    public Duration closeTimeout() {
        return (Duration) effective.get(DqliteProperty.CLOSE_TIMEOUT);
    }

    /**
     * {@code busy_timeout}: budget for client-side SQLITE_BUSY retries; zero disables them.
     *
     * @return the busy timeout
     */
    public Duration busyTimeout() {
        return (Duration) effective.get(DqliteProperty.BUSY_TIMEOUT);
    }

    /**
     * {@code max_total_rows}: row cap per result.
     *
     * @return the cap, or {@link Long#MAX_VALUE} when disabled ({@code none})
     */
    public long maxTotalRows() {
        return (Long) effective.get(DqliteProperty.MAX_TOTAL_ROWS);
    }

    /**
     * {@code max_continuation_frames}: frame cap per result.
     *
     * @return the cap, or {@link Long#MAX_VALUE} when disabled ({@code none})
     */
    public long maxContinuationFrames() {
        return (Long) effective.get(DqliteProperty.MAX_CONTINUATION_FRAMES);
    }

    /**
     * {@code max_message_size}: largest frame in bytes sent or accepted.
     *
     * @return the size cap ({@link Integer#MAX_VALUE} for {@code none})
     */
    public int maxMessageSize() {
        return (Integer) effective.get(DqliteProperty.MAX_MESSAGE_SIZE);
    }

    /**
     * {@code trust_server_heartbeat}: whether reads may wait up to the server heartbeat.
     *
     * @return the flag
     */
    public boolean trustServerHeartbeat() {
        return (Boolean) effective.get(DqliteProperty.TRUST_SERVER_HEARTBEAT);
    }

    /**
     * {@code session_mode}: how driver-opened transactions begin.
     *
     * @return the session mode
     */
    public SessionMode sessionMode() {
        return (SessionMode) effective.get(DqliteProperty.SESSION_MODE);
    }

    /**
     * {@code max_attempts}: connect-with-retry attempts.
     *
     * @return the number of attempts, 1..100
     */
    public int maxAttempts() {
        return (Integer) effective.get(DqliteProperty.MAX_ATTEMPTS);
    }

    /**
     * {@code max_elapsed}: optional wall-clock cap on connect retries.
     *
     * @return the cap, or empty when there is none
     */
    @SuppressWarnings("unchecked")
    public Optional<Duration> maxElapsed() {
        return (Optional<Duration>) effective.get(DqliteProperty.MAX_ELAPSED);
    }

    /**
     * {@code concurrent_leader_conns}: parallel leader probes.
     *
     * @return the probe parallelism, 1..64
     */
    public int concurrentLeaderConns() {
        return (Integer) effective.get(DqliteProperty.CONCURRENT_LEADER_CONNS);
    }

    /**
     * {@code redirect_allowlist}: the addresses a leader redirect may name besides the seeds;
     * empty means every redirect except to a link-local address.
     *
     * @return an unmodifiable list, empty by default
     */
    @SuppressWarnings("unchecked")
    public List<NodeAddress> redirectAllowlist() {
        return (List<NodeAddress>) effective.get(DqliteProperty.REDIRECT_ALLOWLIST);
    }

    /**
     * Whether leader discovery may follow a server's redirect to {@code target}: a seed always;
     * with an allowlist, only a listed address; without one, anything but a link-local address.
     *
     * @param target a validated address a server named as the leader
     * @return whether the redirect may be dialled
     */
    public boolean allowsRedirect(NodeAddress target) {
        if (seeds.contains(target)) {
            return true;
        }
        List<NodeAddress> allow = redirectAllowlist();
        return allow.isEmpty() ? !target.isLinkLocal() : allow.contains(target);
    }

    /**
     * {@code statement_cache_size}: prepared statements kept per connection.
     *
     * @return the cache size, 0 when disabled
     */
    public int statementCacheSize() {
        return (Integer) effective.get(DqliteProperty.STATEMENT_CACHE_SIZE);
    }

    /**
     * The effective value of a parameter as canonical URL text (e.g. {@code 0.5}, {@code none},
     * {@code immediate}); handy for {@code DriverPropertyInfo.value}.
     *
     * @param property the parameter
     * @return the effective value's text
     */
    public String valueText(DqliteProperty property) {
        return property.format(effective.get(Objects.requireNonNull(property, "property")));
    }

    /**
     * The explicitly set parameters as canonical URL text, in enum order. Defaults are absent.
     *
     * @return an unmodifiable map
     */
    public Map<DqliteProperty, String> toRawMap() {
        Map<DqliteProperty, String> raw = new EnumMap<>(DqliteProperty.class);
        explicit.forEach((p, v) -> raw.put(p, p.format(v)));
        return Collections.unmodifiableMap(raw);
    }

    /**
     * Seeds, database and every effective parameter, e.g.
     * {@code DqliteConfig{seeds=[node1:9001], database=default, timeout=10, ...}}.
     *
     * @return a readable description
     */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "DqliteConfig{", "}");
        j.add("seeds=" + seeds);
        j.add("database=" + database);
        for (DqliteProperty p : DqliteProperty.values()) {
            j.add(p.key() + "=" + valueText(p));
        }
        return j.toString();
    }

    /**
     * Equal when seeds (in order), database and all effective values are equal and TLS uses the
     * same context.
     *
     * @param o the other object
     * @return whether {@code o} is an equal config
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DqliteConfig)) {
            return false;
        }
        DqliteConfig other = (DqliteConfig) o;
        return seeds.equals(other.seeds) && database.equals(other.database) && effective.equals(other.effective)
                && tlsContext() == other.tlsContext();
    }

    /**
     * The SSLContext connections use, compared by identity: contexts built from files are cached
     * per file version, so equal URLs give equal configs until a file changes, and then a cached
     * client (the JDBC driver keeps one per config) is not reused with the old certificate.
     */
    private SSLContext tlsContext() {
        return tls == null ? null : tls.context();
    }

    /**
     * Hash of seeds, database and effective values.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(seeds, database, effective, System.identityHashCode(tlsContext()));
    }

    /**
     * Validates a database name: non-empty, no {@code /}, no NUL, well-formed UTF-16 and at most
     * {@link #MAX_DATABASE_NAME_BYTES} bytes in UTF-8.
     */
    static String checkDatabase(String name) {
        Objects.requireNonNull(name, "database");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid database name '': the name is empty");
        }
        if (name.indexOf('/') >= 0) {
            // The server treats the name as a file name; a '/' would reach into directories.
            throw invalidDatabase(name, "it must not contain '/'");
        }
        if (name.indexOf('\0') >= 0) {
            // The wire format is NUL-terminated; a NUL would silently truncate the name.
            throw invalidDatabase(name, "it must not contain a NUL character");
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes;
        try {
            bytes = encoder.encode(CharBuffer.wrap(name));
        } catch (CharacterCodingException e) {
            throw invalidDatabase(name, "it contains an unpaired surrogate and cannot be encoded as UTF-8");
        }
        if (bytes.remaining() > MAX_DATABASE_NAME_BYTES) {
            throw invalidDatabase(name, "it is " + bytes.remaining() + " bytes long in UTF-8; at most "
                    + MAX_DATABASE_NAME_BYTES + " are allowed");
        }
        return name;
    }

    private static IllegalArgumentException invalidDatabase(String name, String problem) {
        return new IllegalArgumentException("invalid database name " + NodeAddress.quote(name) + ": " + problem);
    }

    /**
     * Mutable builder of {@link DqliteConfig}. Every setter validates its argument at once and
     * throws {@link IllegalArgumentException} naming the parameter, the value and the allowed
     * values; {@link #build()} then checks the rules that involve several values. Not
     * thread-safe.
     */
    public static final class Builder {
        private final List<NodeAddress> seeds = new ArrayList<>();
        private String database = DEFAULT_DATABASE;
        private final Map<DqliteProperty, Object> values = new EnumMap<>(DqliteProperty.class);
        private SSLContext sslContext;

        private Builder() {
        }

        /**
         * Uses the application's own TLS context (which then decides trust and the client
         * certificate) and turns TLS on; {@code tls_verify} and {@code tls_server_name} still
         * decide the host-name check and SNI. {@code tls_ca}, {@code tls_cert} and {@code tls_key}
         * cannot be combined with it. {@code null} removes it.
         *
         * @param context the context, or null
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * {@code tls_verify}.
         *
         * @param verify what is checked of the server certificate
         * @return this builder
         */
        public Builder tlsVerify(TlsVerify verify) {
            return typed(DqliteProperty.TLS_VERIFY, verify);
        }

        /**
         * Replaces the seed addresses. Duplicates are collapsed by {@link #build()}, keeping the
         * first occurrence.
         *
         * @param addresses the seeds, none null
         * @return this builder
         */
        public Builder seeds(Collection<NodeAddress> addresses) {
            Objects.requireNonNull(addresses, "addresses");
            List<NodeAddress> copy = new ArrayList<>(addresses.size());
            for (NodeAddress a : addresses) {
                copy.add(Objects.requireNonNull(a, "seed address"));
            }
            seeds.clear();
            seeds.addAll(copy);
            return this;
        }

        /**
         * Replaces the seed addresses.
         *
         * @param addresses the seeds, none null
         * @return this builder
         */
        public Builder seeds(NodeAddress... addresses) {
            return seeds(List.of(addresses));
        }

        /**
         * Appends one seed address.
         *
         * @param address the seed
         * @return this builder
         */
        public Builder addSeed(NodeAddress address) {
            seeds.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        /**
         * Sets the database name (default {@value DqliteConfig#DEFAULT_DATABASE}).
         *
         * @param name non-empty, without {@code /} or NUL, at most
         *        {@value DqliteConfig#MAX_DATABASE_NAME_BYTES} UTF-8 bytes
         * @return this builder
         * @throws IllegalArgumentException if the name is invalid
         */
        public Builder database(String name) {
            this.database = checkDatabase(name);
            return this;
        }

        /**
         * Parses, validates and sets one parameter from its text form.
         *
         * @param property the parameter
         * @param raw the text, as in a URL (already percent-decoded) or {@link java.util.Properties}
         * @return this builder
         * @throws IllegalArgumentException naming the key, the value and the allowed values
         */
        public Builder set(DqliteProperty property, String raw) {
            Objects.requireNonNull(property, "property");
            values.put(property, property.parse(raw));
            return this;
        }

        /**
         * Returns a parameter to its default (it then no longer appears in {@link #toRawMap()}).
         *
         * @param property the parameter
         * @return this builder
         */
        public Builder unset(DqliteProperty property) {
            values.remove(Objects.requireNonNull(property, "property"));
            return this;
        }

        private Builder typed(DqliteProperty property, Object value) {
            Objects.requireNonNull(value, property.key());
            if (!property.acceptsType(value)) {
                throw new IllegalStateException("internal error: wrong type for " + property.key());
            }
            property.checkTyped(value);
            values.put(property, value);
            return this;
        }

        /**
         * {@code timeout}, &gt; 0.
         *
         * @param timeout the per-phase budget
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            return typed(DqliteProperty.TIMEOUT, timeout);
        }

        /**
         * {@code dial_timeout}, &gt; 0; {@code null} returns to "same as timeout".
         *
         * @param dialTimeout the TCP connect budget, or null
         * @return this builder
         */
        public Builder dialTimeout(Duration dialTimeout) {
            return dialTimeout == null ? unset(DqliteProperty.DIAL_TIMEOUT) : typed(DqliteProperty.DIAL_TIMEOUT, dialTimeout);
        }

        /**
         * {@code attempt_timeout}, &gt; 0; {@code null} returns to "same as timeout".
         *
         * @param attemptTimeout the per-attempt budget, or null
         * @return this builder
         */
        public Builder attemptTimeout(Duration attemptTimeout) {
            return attemptTimeout == null ? unset(DqliteProperty.ATTEMPT_TIMEOUT)
                    : typed(DqliteProperty.ATTEMPT_TIMEOUT, attemptTimeout);
        }

        /**
         * {@code close_timeout}, at least 10 ms.
         *
         * @param closeTimeout the drain budget
         * @return this builder
         */
        public Builder closeTimeout(Duration closeTimeout) {
            return typed(DqliteProperty.CLOSE_TIMEOUT, closeTimeout);
        }

        /**
         * {@code busy_timeout}, &gt;= 0 (zero disables busy retries).
         *
         * @param busyTimeout the retry budget
         * @return this builder
         */
        public Builder busyTimeout(Duration busyTimeout) {
            return typed(DqliteProperty.BUSY_TIMEOUT, busyTimeout);
        }

        /**
         * {@code max_total_rows}: 1..2^31−1, or {@link Long#MAX_VALUE} for no cap.
         *
         * @param maxTotalRows the cap
         * @return this builder
         */
        public Builder maxTotalRows(long maxTotalRows) {
            return typed(DqliteProperty.MAX_TOTAL_ROWS, maxTotalRows);
        }

        /**
         * {@code max_continuation_frames}: 1..2^31−1, or {@link Long#MAX_VALUE} for no cap.
         *
         * @param maxContinuationFrames the cap
         * @return this builder
         */
        public Builder maxContinuationFrames(long maxContinuationFrames) {
            return typed(DqliteProperty.MAX_CONTINUATION_FRAMES, maxContinuationFrames);
        }

        /**
         * {@code max_message_size} in bytes: 1..2^31−1.
         *
         * @param maxMessageSize the cap
         * @return this builder
         */
        public Builder maxMessageSize(int maxMessageSize) {
            return typed(DqliteProperty.MAX_MESSAGE_SIZE, maxMessageSize);
        }

        /**
         * {@code trust_server_heartbeat}.
         *
         * @param trust whether reads may wait up to the server heartbeat
         * @return this builder
         */
        public Builder trustServerHeartbeat(boolean trust) {
            return typed(DqliteProperty.TRUST_SERVER_HEARTBEAT, trust);
        }

        /**
         * {@code session_mode}.
         *
         * @param mode how driver-opened transactions begin
         * @return this builder
         */
        public Builder sessionMode(SessionMode mode) {
            return typed(DqliteProperty.SESSION_MODE, mode);
        }

        /**
         * {@code max_attempts}: 1..100.
         *
         * @param maxAttempts connect attempts
         * @return this builder
         */
        public Builder maxAttempts(int maxAttempts) {
            return typed(DqliteProperty.MAX_ATTEMPTS, maxAttempts);
        }

        /**
         * {@code max_elapsed}: &gt; 0, or {@code null} for no cap.
         *
         * @param maxElapsed the wall-clock cap on connect retries, or null
         * @return this builder
         */
        public Builder maxElapsed(Duration maxElapsed) {
            return typed(DqliteProperty.MAX_ELAPSED, Optional.ofNullable(maxElapsed));
        }

        /**
         * {@code concurrent_leader_conns}: 1..64.
         *
         * @param concurrentLeaderConns parallel leader probes
         * @return this builder
         */
        public Builder concurrentLeaderConns(int concurrentLeaderConns) {
            return typed(DqliteProperty.CONCURRENT_LEADER_CONNS, concurrentLeaderConns);
        }

        /**
         * {@code statement_cache_size}: 0..10000 (0 disables the cache).
         *
         * @param statementCacheSize prepared statements kept per connection
         * @return this builder
         */
        public Builder statementCacheSize(int statementCacheSize) {
            return typed(DqliteProperty.STATEMENT_CACHE_SIZE, statementCacheSize);
        }

        /**
         * Sets {@code redirect_allowlist}.
         *
         * @param addresses the addresses redirects may name besides the seeds; empty for none
         * @return this builder
         */
        public Builder redirectAllowlist(List<NodeAddress> addresses) {
            return typed(DqliteProperty.REDIRECT_ALLOWLIST, List.copyOf(addresses));
        }

        /**
         * Builds the config after the checks that involve several values: at least one seed is
         * required, and when both {@code dial_timeout} and {@code attempt_timeout} are set
         * explicitly the dial budget must not exceed the attempt budget that contains it.
         *
         * @return the immutable config
         * @throws IllegalStateException if no seed was given
         * @throws IllegalArgumentException if explicitly set values contradict each other
         */
        public DqliteConfig build() {
            if (seeds.isEmpty()) {
                throw new IllegalStateException("at least one seed address is required");
            }
            Duration dial = (Duration) values.get(DqliteProperty.DIAL_TIMEOUT);
            Duration attempt = (Duration) values.get(DqliteProperty.ATTEMPT_TIMEOUT);
            // Only explicit pairs are checked: an explicit short attempt_timeout with the dial
            // budget inherited from timeout is a normal way to say "short attempts".
            if (dial != null && attempt != null && dial.compareTo(attempt) > 0) {
                throw new IllegalArgumentException("dial_timeout (" + DqliteProperty.DIAL_TIMEOUT.format(dial)
                        + " s) is larger than attempt_timeout (" + DqliteProperty.ATTEMPT_TIMEOUT.format(attempt)
                        + " s), which contains the dial; make dial_timeout <= attempt_timeout");
            }
            List<NodeAddress> unique = List.copyOf(new LinkedHashSet<>(seeds));
            return new DqliteConfig(unique, database, Collections.unmodifiableMap(new EnumMap<>(values)), sslContext,
                    tlsSettings());
        }

        /**
         * The one place the TLS keys are checked together: any {@code tls_*} key (or an
         * SSLContext) turns TLS on, {@code tls=false} with one of them is a contradiction, and the
         * files must exist, be readable and hold what their key promises.
         */
        private TlsSettings tlsSettings() {
            DqliteProperty implying = null;
            for (DqliteProperty p : TLS_KEYS) {
                if (values.containsKey(p)) {
                    implying = p;
                    break;
                }
            }
            Boolean tls = (Boolean) values.get(DqliteProperty.TLS);
            if (Boolean.FALSE.equals(tls) && (implying != null || sslContext != null)) {
                throw new IllegalArgumentException("dqlite parameter 'tls' is false but "
                        + (implying != null ? "'" + implying.key() + "' is set" : "an SSLContext is given")
                        + ", which turns TLS on; remove one of them");
            }
            if (!Boolean.TRUE.equals(tls) && implying == null && sslContext == null) {
                return null;
            }
            TlsVerify verify = (TlsVerify) values.getOrDefault(DqliteProperty.TLS_VERIFY, TlsVerify.FULL);
            String serverName = (String) values.get(DqliteProperty.TLS_SERVER_NAME);
            if (sslContext != null) {
                for (DqliteProperty p : List.of(DqliteProperty.TLS_CA, DqliteProperty.TLS_CERT, DqliteProperty.TLS_KEY)) {
                    if (values.containsKey(p)) {
                        throw new IllegalArgumentException("dqlite parameter '" + p.key()
                                + "' cannot be combined with an SSLContext, which already decides trust and the"
                                + " client certificate; remove one of them");
                    }
                }
                return TlsSettings.of(sslContext, verify, serverName);
            }
            return TlsSettings.fromFiles(path(DqliteProperty.TLS_CA), path(DqliteProperty.TLS_CERT),
                    path(DqliteProperty.TLS_KEY), verify, serverName);
        }

        private Path path(DqliteProperty p) {
            String v = (String) values.get(p);
            if (v == null) {
                return null;
            }
            try {
                return Path.of(v);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("dqlite parameter '" + p.key() + "': " + NodeAddress.quote(v)
                        + " is not a file path: " + e.getMessage(), e);
            }
        }
    }
}
