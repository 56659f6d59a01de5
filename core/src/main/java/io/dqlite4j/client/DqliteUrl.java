package io.dqlite4j.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * Parses dqlite connection URLs into a {@link DqliteConfig}.
 *
 * <p>Grammar:
 * <pre>
 *   [jdbc:|r2dbc:]dqlite://host[:port][,host[:port]...][/database][?key=value[&amp;key=value...]]
 * </pre>
 * The hosts are seeds (bootstrap addresses from which the leader is discovered); each is
 * validated by {@link NodeAddress#parse(String, int)} and gets port {@value #DEFAULT_PORT} when
 * it has none. An IPv6 host is bracketed: {@code dqlite://[::1]:9001,[::1]:9002/app}. The
 * database defaults to {@value DqliteConfig#DEFAULT_DATABASE} (also for a path of {@code /}).
 *
 * <p>Rules:
 * <ul>
 *   <li>Query keys are the {@link DqliteProperty} keys; any other key is an error that lists
 *       the allowed keys. When a key is repeated, the <em>last</em> occurrence wins (only that
 *       value is validated).</li>
 *   <li>Keys, values and the database name are percent-decoded as UTF-8; a malformed escape or
 *       invalid UTF-8 is an error. {@code +} is a literal plus sign, not a space.</li>
 *   <li>User information ({@code user@} or {@code user:password@}) is rejected: dqlite has no
 *       authentication, and silently dropping a password would hide a misconfiguration. A
 *       {@code #fragment}, an empty host list, an empty host entry and unencoded whitespace or
 *       control characters are rejected too.</li>
 *   <li>The database name must not contain {@code /} or NUL and must fit in
 *       {@value DqliteConfig#MAX_DATABASE_NAME_BYTES} UTF-8 bytes.</li>
 *   <li>Duplicate seeds (after canonicalisation) are collapsed, keeping the first.</li>
 * </ul>
 *
 * <p>Every problem is reported as an {@link IllegalArgumentException} whose message says what
 * is wrong. Messages never repeat user information from the URL.
 */
public final class DqliteUrl {

    /** Port used for a host given without one: {@value}. */
    public static final int DEFAULT_PORT = 9001;

    /** The accepted URL prefixes, matched case-insensitively. */
    public static final List<String> PREFIXES = List.of("jdbc:dqlite://", "r2dbc:dqlite://", "dqlite://");

    /** Properties keys that connection tools always pass and that dqlite (no auth) ignores. */
    private static final Set<String> IGNORED_PROPERTIES = Set.of("user", "password");

    private DqliteUrl() {
    }

    /**
     * Whether the text starts with one of the {@linkplain #PREFIXES accepted prefixes}. It says
     * nothing about the rest of the URL, which only {@link #parse(String)} validates.
     *
     * @param url the URL, may be null
     * @return {@code true} if this parser is responsible for the URL
     */
    public static boolean accepts(String url) {
        return url != null && prefixLength(url) > 0;
    }

    /**
     * Parses a URL.
     *
     * @param url the URL
     * @return the validated config
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if the URL or one of its values is invalid
     */
    public static DqliteConfig parse(String url) {
        return parse(url, null);
    }

    /**
     * Parses a URL together with connection properties (as given to
     * {@code java.sql.Driver.connect}).
     *
     * <p>The properties are <em>defaults</em>: a key present in both the URL query and the
     * properties takes the URL's value (the rule pgjdbc follows, so a URL read from
     * configuration can override a data source's property set). Property keys go through the
     * same allowlist as URL keys, except {@code user} and {@code password}, which are accepted
     * and ignored because tools such as HikariCP and jOOQ's code generator always pass them.
     * Property values are not percent-decoded. Entries of the properties' default chain count as
     * well.
     *
     * @param url the URL
     * @param properties the default values, may be null
     * @return the validated config
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if the URL, a property key or an effective value is
     *         invalid, or explicitly set values contradict each other
     */
    public static DqliteConfig parse(String url, Properties properties) {
        Objects.requireNonNull(url, "url");
        int prefix = prefixLength(url);
        if (prefix == 0) {
            throw invalid("it must start with one of " + String.join(", ", PREFIXES) + ", not " + shownPrefix(url));
        }
        checkCharacters(url);
        if (url.indexOf('#') >= 0) {
            // A fragment is never sent anywhere; accepting it would silently drop whatever follows.
            throw invalid("a '#' fragment is not allowed (percent-encode a literal '#' as %23)");
        }
        String rest = url.substring(prefix);
        int authorityEnd = indexOfAny(rest, '/', '?');
        String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
        String afterAuthority = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
        if (authority.indexOf('@') >= 0) {
            // Deliberately not quoting the URL: it may hold a password.
            throw invalid("user information ('user@' or 'user:password@') is not supported because dqlite"
                    + " has no authentication; remove it from the URL");
        }

        DqliteConfig.Builder builder = DqliteConfig.builder();
        builder.seeds(parseHosts(authority));

        int queryStart = afterAuthority.indexOf('?');
        String path = queryStart < 0 ? afterAuthority : afterAuthority.substring(0, queryStart);
        String query = queryStart < 0 ? null : afterAuthority.substring(queryStart + 1);
        String database = parseDatabase(path);
        try {
            builder.database(database);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), e);
        }

        // Merge: properties first, then the URL's parameters on top (URL wins).
        Map<DqliteProperty, String> raw = new EnumMap<>(DqliteProperty.class);
        Map<DqliteProperty, Boolean> fromUrl = new EnumMap<>(DqliteProperty.class);
        if (properties != null) {
            readProperties(properties, raw, fromUrl);
        }
        if (query != null) {
            readQuery(query, raw, fromUrl);
        }
        for (Map.Entry<DqliteProperty, String> e : raw.entrySet()) {
            try {
                builder.set(e.getKey(), e.getValue());
            } catch (IllegalArgumentException ex) {
                throw fromUrl.get(e.getKey()) ? invalid(ex.getMessage(), ex)
                        : new IllegalArgumentException("invalid dqlite connection property: " + ex.getMessage(), ex);
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage(), e);
        }
    }

    private static List<NodeAddress> parseHosts(String authority) {
        if (authority.isEmpty()) {
            throw invalid("no host; expected dqlite://host[:port][,host[:port]...]");
        }
        String[] entries = authority.split(",", -1);
        List<NodeAddress> seeds = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isEmpty()) {
                throw invalid("host entry " + (i + 1) + " of " + entries.length
                        + " is empty (a leading, trailing or doubled ',')");
            }
            try {
                seeds.add(NodeAddress.parse(entries[i], DEFAULT_PORT));
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage(), e);
            }
        }
        return seeds;
    }

    private static String parseDatabase(String path) {
        // path is "" or starts with '/'.
        if (path.length() <= 1) {
            return DqliteConfig.DEFAULT_DATABASE;
        }
        String encoded = path.substring(1);
        if (encoded.indexOf('/') >= 0) {
            throw invalid("the database name " + NodeAddress.quote(encoded) + " must not contain '/'");
        }
        return decode(encoded, "database name");
    }

    private static void readQuery(String query, Map<DqliteProperty, String> raw, Map<DqliteProperty, Boolean> fromUrl) {
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                // "a=1&&b=2" and a trailing '&' carry no parameter; nothing is lost by skipping.
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw invalid("parameter " + NodeAddress.quote(decode(pair, "parameter name"))
                        + " has no value; expected key=value");
            }
            String key = decode(pair.substring(0, eq), "parameter name");
            String value = decode(pair.substring(eq + 1), "value of parameter " + NodeAddress.quote(key));
            DqliteProperty property = DqliteProperty.forKey(key)
                    .orElseThrow(() -> invalid(unknownKey("parameter", key)));
            // Later occurrences replace earlier ones: the last one wins.
            raw.put(property, value);
            fromUrl.put(property, Boolean.TRUE);
        }
    }

    private static void readProperties(Properties properties, Map<DqliteProperty, String> raw,
                                       Map<DqliteProperty, Boolean> fromUrl) {
        // Direct entries, including non-String values someone put() (e.g. an Integer).
        for (Map.Entry<Object, Object> e : properties.entrySet()) {
            if (!(e.getKey() instanceof String)) {
                throw new IllegalArgumentException("invalid dqlite connection property: key "
                        + e.getKey() + " is not a String");
            }
            putProperty((String) e.getKey(), String.valueOf(e.getValue()), raw, fromUrl);
        }
        // The default chain (new Properties(defaults)) is only visible through this view.
        for (String key : properties.stringPropertyNames()) {
            if (!properties.containsKey(key)) {
                putProperty(key, properties.getProperty(key), raw, fromUrl);
            }
        }
    }

    private static void putProperty(String key, String value, Map<DqliteProperty, String> raw,
                                    Map<DqliteProperty, Boolean> fromUrl) {
        if (IGNORED_PROPERTIES.contains(key)) {
            return;
        }
        DqliteProperty property = DqliteProperty.forKey(key).orElseThrow(() -> new IllegalArgumentException(
                "invalid dqlite connection property: " + unknownKey("property", key)
                        + " (user and password are accepted and ignored)"));
        raw.put(property, value);
        fromUrl.put(property, Boolean.FALSE);
    }

    private static String unknownKey(String what, String key) {
        StringBuilder sb = new StringBuilder("unknown ").append(what).append(' ').append(NodeAddress.quote(key));
        // Keys are case-sensitive (as in the Python stack); point out the likely typo.
        for (DqliteProperty p : DqliteProperty.values()) {
            if (p.key().equalsIgnoreCase(key) || p.key().equals(key.toLowerCase(Locale.ROOT).replace('-', '_'))) {
                sb.append(" (did you mean '").append(p.key()).append("'?)");
                break;
            }
        }
        return sb.append("; allowed keys: ").append(DqliteProperty.allowedKeys()).toString();
    }

    /** Strict percent-decoding: every '%' starts a two-hex-digit escape, and the bytes must be UTF-8. */
    private static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '%') {
                out.write(b);
                continue;
            }
            int hi = i + 1 < utf8.length ? Character.digit(utf8[i + 1], 16) : -1;
            int lo = i + 2 < utf8.length ? Character.digit(utf8[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw invalid("malformed percent-escape in " + what + " " + NodeAddress.quote(s)
                        + "; '%' must be followed by two hex digits (write a literal '%' as %25)");
            }
            out.write((hi << 4) | lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the percent-escapes in " + what + " " + NodeAddress.quote(s) + " are not valid UTF-8", e);
        }
    }

    /** Unencoded whitespace, control characters and broken UTF-16 have no place in a URL. */
    private static void checkCharacters(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw invalid("it contains whitespace at index " + i
                        + (i == 0 || i == url.length() - 1 ? " (leading or trailing whitespace)" : "")
                        + "; percent-encode a space in a value as %20");
            }
            if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
                throw invalid("it contains a control character at index " + i + "; percent-encode it");
            }
            if (Character.isHighSurrogate(c) && i + 1 < url.length() && Character.isLowSurrogate(url.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // Would otherwise turn into '?' when encoded, silently changing a name.
                throw invalid("it contains an unpaired UTF-16 surrogate at index " + i);
            }
        }
    }

    /** The scheme part of a foreign URL for an error message, never its user information. */
    private static String shownPrefix(String url) {
        int slashes = url.indexOf("//");
        if (slashes >= 0) {
            return NodeAddress.quote(url.substring(0, slashes + 2) + "...");
        }
        return url.indexOf('@') >= 0 ? "a URL containing '@' (not shown)" : NodeAddress.quote(url);
    }

    private static int prefixLength(String url) {
        for (String p : PREFIXES) {
            if (url.regionMatches(true, 0, p, 0, p.length())) {
                return p.length();
            }
        }
        return 0;
    }

    private static int indexOfAny(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == a || c == b) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException invalid(String problem) {
        return new IllegalArgumentException("invalid dqlite URL: " + problem);
    }

    private static IllegalArgumentException invalid(String problem, Throwable cause) {
        return new IllegalArgumentException("invalid dqlite URL: " + problem, cause);
    }
}
