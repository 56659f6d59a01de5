package io.dqlite4j.client;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * The validated, canonical address of one dqlite node: a host and a TCP port.
 *
 * <p>The same rules apply to the seed addresses in a URL and to every address a server hands
 * back (leader answers, cluster listings), because a hostile or confused server must not be able
 * to steer the client to a broadcast, multicast or "any" address, or smuggle credentials or
 * header-injection characters into logs and error messages.
 *
 * <p>Accepted forms: {@code host:port}, {@code 192.0.2.1:port}, {@code [2001:db8::1]:port} and
 * {@code [fe80::1%25eth0]:port} (an IPv6 zone id, written either {@code %25zone} as RFC 6874 asks
 * or {@code %zone}). Rejected, each with a dedicated message: an empty host, a NUL, CR/LF or any
 * whitespace, text longer than {@value #MAX_TEXT_LENGTH} characters, non-ASCII (IDN) hostnames,
 * {@code @}, hostnames that break RFC 1035/1123 label rules, all-numeric names that C resolvers
 * would read as legacy IPv4 forms ({@code 127.1}, {@code 0x7f000001}), unbracketed IPv6,
 * bracketed IPv4 or hostnames, the unspecified address ({@code 0.0.0.0}, {@code ::},
 * {@code ::ffff:0.0.0.0}), multicast ({@code 224.0.0.0/4}, {@code ff00::/8}) and the reserved
 * IPv4 block {@code 240.0.0.0/4} (which includes the broadcast address).
 *
 * <p>Canonical form: IP literals are normalised (an IPv4-mapped IPv6 address becomes the dotted
 * quad; IPv6 is written compressed and lower-case per RFC 5952), hostnames are lower-cased and a
 * single trailing dot is dropped. {@link #equals(Object)} and {@link #hashCode()} compare the
 * canonical {@code (host, port)} pair, so {@code LOCALHOST.:9001} equals {@code localhost:9001}.
 *
 * <p>Parsing never performs a DNS lookup: literals are decoded by this class itself, and
 * hostnames stay unresolved until the dialer connects.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class NodeAddress {

    /** The longest address text accepted, in characters (same bound as the Python client). */
    public static final int MAX_TEXT_LENGTH = 256;

    /** Longest hostname (without the trailing dot) that DNS can carry. */
    private static final int MAX_HOSTNAME_LENGTH = 253;

    /** Longest DNS label. */
    private static final int MAX_LABEL_LENGTH = 63;

    /**
     * Longest zone id. Interface names are at most 15 characters on Linux; the bound keeps the
     * canonical text (which spells the zone delimiter {@code %25}) within {@link #MAX_TEXT_LENGTH}
     * so that {@code parse(a.toString())} always succeeds.
     */
    private static final int MAX_ZONE_LENGTH = 64;

    /** What kind of host this is; decides how the socket address is built. */
    private enum Kind { HOSTNAME, IPV4, IPV6 }

    private final String host;
    private final int port;
    private final Kind kind;
    /** Address bytes for IP literals (4 or 16), {@code null} for hostnames. Never exposed. */
    private final byte[] literal;
    /** IPv6 zone id without the {@code %}, or {@code null}. */
    private final String zone;

    private NodeAddress(String host, int port, Kind kind, byte[] literal, String zone) {
        this.host = host;
        this.port = port;
        this.kind = kind;
        this.literal = literal;
        this.zone = zone;
    }

    /**
     * Parses {@code host:port} where the port is mandatory (the form servers return).
     *
     * @param text the address text, e.g. {@code node1:9001} or {@code [::1]:9001}
     * @return the canonical address
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException quoting {@code text} and saying what is wrong with it
     */
    public static NodeAddress parse(String text) {
        return parse(text, -1, true);
    }

    /**
     * Parses {@code host[:port]}, using {@code defaultPort} when the text has no port (the form
     * of a URL host entry).
     *
     * @param text the address text, e.g. {@code node1}, {@code node1:9002} or {@code [::1]}
     * @param defaultPort the port to use when the text has none, 1..65535
     * @return the canonical address
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException quoting {@code text} and saying what is wrong with it, or if
     *         {@code defaultPort} is out of range
     */
    public static NodeAddress parse(String text, int defaultPort) {
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("default port " + defaultPort + " is out of range 1..65535");
        }
        return parse(text, defaultPort, false);
    }

    /**
     * Builds an address from a separate host and port, applying the same validation and
     * canonicalisation as {@link #parse(String)}. The host is written as {@link #host()} returns
     * it: an IPv6 literal without brackets (optionally with a {@code %zone}), an IPv4 literal or
     * a hostname.
     *
     * @param host the host, e.g. {@code node1}, {@code 192.0.2.1} or {@code 2001:db8::1}
     * @param port the port, 1..65535
     * @return the canonical address
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if the host or port is invalid
     */
    public static NodeAddress of(String host, int port) {
        Objects.requireNonNull(host, "host");
        checkCharacters(host, host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid node address " + quote(host + ":" + port)
                    + ": port " + port + " is out of range 1..65535");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            throw new IllegalArgumentException("invalid host " + quote(host)
                    + ": pass an IPv6 host without brackets (brackets belong only in host:port text)");
        }
        // A colon can only mean IPv6 here, since the port is passed separately.
        return host.indexOf(':') >= 0 ? ipv6(host, port, host) : unbracketedHost(host, port, host);
    }

    /**
     * The canonical host: a lower-case hostname without a trailing dot, a dotted-quad IPv4
     * address, or a compressed lower-case IPv6 address without brackets (with {@code %zone} when
     * it has a zone id).
     *
     * @return the canonical host
     */
    public String host() {
        return host;
    }

    /**
     * The TCP port, 1..65535.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Whether the host is an IP literal rather than a hostname that still needs resolving.
     *
     * @return {@code true} for IPv4 and IPv6 literals
     */
    public boolean isIpLiteral() {
        return kind != Kind.HOSTNAME;
    }

    /**
     * Whether the host is a link-local IP literal: 169.254.0.0/16 (where clouds serve instance
     * metadata) or fe80::/10. An IPv4-mapped IPv6 literal was already normalised to IPv4, so it
     * is judged as such. Hostnames are never link-local here: nothing is resolved.
     *
     * @return {@code true} for a link-local literal
     */
    public boolean isLinkLocal() {
        if (kind == Kind.IPV4) {
            return (literal[0] & 0xFF) == 169 && (literal[1] & 0xFF) == 254;
        }
        return kind == Kind.IPV6 && (literal[0] & 0xFF) == 0xFE && (literal[1] & 0xC0) == 0x80;
    }

    /**
     * A socket address to dial. Hostnames give an unresolved address (resolution happens when
     * connecting, never here); IP literals give a resolved one, built from the parsed bytes
     * without any lookup. An IPv6 address with a named zone whose interface does not exist on
     * this machine also gives an unresolved address, so the error surfaces when dialling.
     *
     * @return the socket address for this node
     */
    public InetSocketAddress toSocketAddress() {
        switch (kind) {
            case HOSTNAME:
                return InetSocketAddress.createUnresolved(host, port);
            case IPV4:
                return new InetSocketAddress(fromBytes(literal), port);
            default:
                if (zone == null) {
                    return new InetSocketAddress(fromBytes(literal), port);
                }
                return zonedSocketAddress();
        }
    }

    private InetSocketAddress zonedSocketAddress() {
        try {
            if (isAsciiDigits(zone)) {
                return new InetSocketAddress(
                        Inet6Address.getByAddress(null, literal.clone(), Integer.parseInt(zone)), port);
            }
            // A local interface lookup, not DNS.
            NetworkInterface nif = NetworkInterface.getByName(zone);
            if (nif != null) {
                return new InetSocketAddress(Inet6Address.getByAddress(null, literal.clone(), nif), port);
            }
        } catch (UnknownHostException | SocketException e) {
            // Fall through: the dialer reports the unknown interface when it connects.
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static InetAddress fromBytes(byte[] bytes) {
        try {
            // getByAddress never consults a resolver; it only checks the array length.
            return InetAddress.getByAddress(bytes.clone());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("internal error: bad literal length " + bytes.length, e);
        }
    }

    /**
     * {@code host:port}, with brackets around IPv6 hosts and the zone delimiter written as
     * {@code %25} (RFC 6874), so that the result parses back to an equal address.
     *
     * @return the canonical text
     */
    @Override
    public String toString() {
        if (kind != Kind.IPV6) {
            return host + ":" + port;
        }
        String ip = zone == null ? host : host.substring(0, host.indexOf('%')) + "%25" + zone;
        return "[" + ip + "]:" + port;
    }

    /**
     * Two addresses are equal when their canonical hosts and ports are equal.
     *
     * @param o the other object
     * @return whether {@code o} is an equal address
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof NodeAddress)) {
            return false;
        }
        NodeAddress other = (NodeAddress) o;
        return port == other.port && host.equals(other.host);
    }

    /**
     * Hash of the canonical host and port.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    // ---------------------------------------------------------------------------------------
    // Parsing

    /** @param defaultPort the fallback port, or -1 when the port is mandatory */
    private static NodeAddress parse(String text, int defaultPort, boolean portRequired) {
        Objects.requireNonNull(text, "address");
        checkCharacters(text, text);
        if (text.startsWith("[")) {
            return bracketed(text, defaultPort, portRequired);
        }
        if (text.indexOf('[') >= 0 || text.indexOf(']') >= 0) {
            throw invalid(text, "misplaced '[' or ']'; only an IPv6 host is bracketed, as in [::1]:9001");
        }
        int colons = countColons(text);
        if (colons > 1) {
            throw invalid(text, "an IPv6 address must be in brackets, as in [::1]:9001");
        }
        String hostPart;
        int port;
        if (colons == 1) {
            int colon = text.indexOf(':');
            hostPart = text.substring(0, colon);
            port = parsePort(text.substring(colon + 1), text);
        } else {
            if (portRequired) {
                throw invalid(text, "missing port; expected host:port");
            }
            hostPart = text;
            port = defaultPort;
        }
        return unbracketedHost(hostPart, port, text);
    }

    private static NodeAddress bracketed(String text, int defaultPort, boolean portRequired) {
        int close = text.indexOf(']');
        if (close < 0) {
            throw invalid(text, "missing closing ']'");
        }
        String inner = text.substring(1, close);
        String rest = text.substring(close + 1);
        int port;
        if (rest.isEmpty()) {
            if (portRequired) {
                throw invalid(text, "missing port; expected [host]:port");
            }
            port = defaultPort;
        } else if (rest.charAt(0) == ':') {
            port = parsePort(rest.substring(1), text);
        } else {
            throw invalid(text, "unexpected text after ']'; expected ':' and a port");
        }
        if (inner.isEmpty()) {
            throw invalid(text, "empty host");
        }
        if (inner.indexOf(':') < 0) {
            // Brackets are IPv6 syntax only; accepting [127.0.0.1] or [node1] would let two
            // spellings of the same address compare unequal in other tools.
            String what = looksLikeIpv4(inner) ? "an IPv4 address" : "a hostname";
            throw invalid(text, "brackets are only for IPv6 addresses, not " + what
                    + "; write it without brackets, as in " + inner + ":" + port);
        }
        return ipv6(inner, port, text);
    }

    private static NodeAddress unbracketedHost(String hostPart, int port, String original) {
        if (hostPart.isEmpty()) {
            throw invalid(original, "empty host");
        }
        byte[] v4 = parseIpv4(hostPart);
        if (v4 != null) {
            return ipv4(v4, port, original);
        }
        return hostname(hostPart, port, original);
    }

    private static NodeAddress ipv4(byte[] v4, int port, String original) {
        int first = v4[0] & 0xff;
        String dotted = formatIpv4(v4);
        if (first == 0 && v4[1] == 0 && v4[2] == 0 && v4[3] == 0) {
            throw invalid(original, "0.0.0.0 is the unspecified (\"any\") address and cannot be dialled");
        }
        if (first >= 224 && first <= 239) {
            throw invalid(original, dotted + " is a multicast address (224.0.0.0/4)");
        }
        if (first >= 240) {
            throw invalid(original, dotted + " is in the reserved block 240.0.0.0/4");
        }
        return new NodeAddress(dotted, port, Kind.IPV4, v4, null);
    }

    private static NodeAddress ipv6(String inner, int port, String original) {
        String ip = inner;
        String zone = null;
        int pct = inner.indexOf('%');
        if (pct >= 0) {
            ip = inner.substring(0, pct);
            zone = parseZone(inner.substring(pct + 1), original);
        }
        byte[] v6 = parseIpv6(ip);
        if (v6 == null) {
            throw invalid(original, quote(ip) + " is not a valid IPv6 address");
        }
        if (isIpv4Mapped(v6)) {
            if (zone != null) {
                throw invalid(original, "an IPv4-mapped IPv6 address cannot have a zone id");
            }
            byte[] v4 = new byte[] {v6[12], v6[13], v6[14], v6[15]};
            // Checked as IPv4 so ::ffff:0.0.0.0 and ::ffff:224.0.0.1 are caught too.
            return ipv4(v4, port, original);
        }
        boolean allZero = true;
        for (byte b : v6) {
            allZero &= b == 0;
        }
        if (allZero) {
            throw invalid(original, ":: is the unspecified (\"any\") address and cannot be dialled");
        }
        String canonical = formatIpv6(v6);
        if ((v6[0] & 0xff) == 0xff) {
            throw invalid(original, canonical + " is a multicast address (ff00::/8)");
        }
        String host = zone == null ? canonical : canonical + "%" + zone;
        return new NodeAddress(host, port, Kind.IPV6, v6, zone);
    }

    private static String parseZone(String raw, String original) {
        // RFC 6874 spells the delimiter "%25"; a plain "%" is what most tools print.
        String zone = raw.startsWith("25") ? raw.substring(2) : raw;
        if (zone.isEmpty()) {
            throw invalid(original, "empty IPv6 zone id after '%'");
        }
        if (zone.length() > MAX_ZONE_LENGTH) {
            throw invalid(original, "IPv6 zone id is longer than " + MAX_ZONE_LENGTH + " characters");
        }
        for (int i = 0; i < zone.length(); i++) {
            char c = zone.charAt(i);
            boolean ok = isAsciiAlnum(c) || c == '.' || c == '_' || c == '-' || c == '~';
            if (!ok) {
                throw invalid(original, "IPv6 zone id " + quote(zone)
                        + " may only contain ASCII letters, digits, '.', '_', '-' and '~'");
            }
        }
        if (isAsciiDigits(zone)) {
            try {
                Integer.parseInt(zone);
            } catch (NumberFormatException e) {
                throw invalid(original, "numeric IPv6 zone id " + zone + " is too large");
            }
        }
        return zone;
    }

    private static NodeAddress hostname(String hostPart, int port, String original) {
        String name = hostPart.endsWith(".") ? hostPart.substring(0, hostPart.length() - 1) : hostPart;
        if (name.isEmpty()) {
            throw invalid(original, "empty host");
        }
        if (name.length() > MAX_HOSTNAME_LENGTH) {
            throw invalid(original, "hostname is longer than " + MAX_HOSTNAME_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        boolean allNumeric = labels.length <= 4;
        for (String label : labels) {
            checkLabel(label, original);
            allNumeric &= isLegacyNumericPart(label);
        }
        if (allNumeric) {
            // inet_aton (used by most resolvers) reads "127.1", "010.0.0.1" or "0x7f000001" as
            // IPv4 addresses, which would bypass the 0.0.0.0/multicast checks above.
            throw invalid(original, quote(hostPart)
                    + " is not a valid IPv4 address (four decimal numbers 0-255 without leading zeros)"
                    + " and a hostname cannot be all numeric");
        }
        if (isAsciiDigits(labels[labels.length - 1])) {
            throw invalid(original, "the last label of hostname " + quote(hostPart)
                    + " is all digits, which no real domain has (RFC 3696)");
        }
        return new NodeAddress(name.toLowerCase(Locale.ROOT), port, Kind.HOSTNAME, null, null);
    }

    private static void checkLabel(String label, String original) {
        if (label.isEmpty()) {
            throw invalid(original, "hostname has an empty label (two dots in a row, or a leading dot)");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw invalid(original, "hostname label " + quote(label) + " is longer than "
                    + MAX_LABEL_LENGTH + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!isAsciiAlnum(c) && c != '-') {
                throw invalid(original, "hostname contains " + quote(String.valueOf(c))
                        + "; only ASCII letters, digits, '-' and '.' are allowed");
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw invalid(original, "hostname label " + quote(label) + " starts or ends with '-'");
        }
    }

    private static int parsePort(String digits, String original) {
        if (digits.isEmpty()) {
            throw invalid(original, "empty port after ':'");
        }
        if (!isAsciiDigits(digits)) {
            throw invalid(original, "port " + quote(digits) + " must be plain ASCII digits");
        }
        // More than five digits cannot be in range; checking length first also avoids overflow.
        int port = digits.length() > 5 ? -1 : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw invalid(original, "port " + digits + " is out of range 1..65535");
        }
        return port;
    }

    /** Rejects characters that are never valid anywhere in an address, before parsing. */
    private static void checkCharacters(String text, String original) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("invalid node address '': the address is empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(original, "the address is " + text.length() + " characters long; at most "
                    + MAX_TEXT_LENGTH + " are allowed");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw invalid(original, "contains a NUL character");
            }
            if (c == '\r' || c == '\n') {
                throw invalid(original, "contains a line break (CR/LF)");
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw invalid(original, "contains whitespace");
            }
            if (c < 0x20 || c == 0x7f) {
                throw invalid(original, "contains a control character");
            }
            if (c > 0x7e) {
                throw invalid(original, "contains non-ASCII characters; internationalised (IDN)"
                        + " hostnames are not supported, use the ASCII (xn--) form");
            }
            if (c == '@') {
                throw invalid(original, "contains '@'; user information is not allowed in a node address");
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Literal decoding (no java.net parsing, so no code path can ever reach a resolver)

    /** Strict dotted quad: four decimal parts 0..255 without leading zeros, else {@code null}. */
    private static byte[] parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !isAsciiDigits(p) || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static boolean looksLikeIpv4(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** RFC 4291 text form (with an optional trailing dotted quad) to 16 bytes, else {@code null}. */
    private static byte[] parseIpv6(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head;
        int[] tail;
        if (gap < 0) {
            head = parseGroups(s, true);
            tail = new int[0];
            if (head == null || head.length != 8) {
                return null;
            }
        } else {
            head = parseGroups(s.substring(0, gap), false);
            tail = parseGroups(s.substring(gap + 2), true);
            // "::" stands for at least one zero group.
            if (head == null || tail == null || head.length + tail.length > 7) {
                return null;
            }
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        int offset = 8 - tail.length;
        for (int i = 0; i < tail.length; i++) {
            out[2 * (offset + i)] = (byte) (tail[i] >> 8);
            out[2 * (offset + i) + 1] = (byte) tail[i];
        }
        return out;
    }

    /** Colon-separated hex groups; the last may be a dotted quad (two groups). */
    private static int[] parseGroups(String s, boolean allowTrailingIpv4) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int count = parts.length;
        String last = parts[count - 1];
        byte[] v4 = null;
        if (last.indexOf('.') >= 0) {
            if (!allowTrailingIpv4) {
                return null;
            }
            v4 = parseIpv4(last);
            if (v4 == null) {
                return null;
            }
        }
        int[] groups = new int[v4 == null ? count : count + 1];
        int hexParts = v4 == null ? count : count - 1;
        for (int i = 0; i < hexParts; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                int d = Character.digit(p.charAt(j), 16);
                if (d < 0 || p.charAt(j) > 'f') {
                    return null;
                }
                v = (v << 4) | d;
            }
            groups[i] = v;
        }
        if (v4 != null) {
            groups[hexParts] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
            groups[hexParts + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
        }
        return groups;
    }

    private static boolean isIpv4Mapped(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return false;
            }
        }
        return (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
    }

    private static String formatIpv4(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    /** RFC 5952: lower case, no leading zeros, the longest (first) run of 2+ zero groups as "::". */
    private static String formatIpv6(byte[] v6) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((v6[2 * i] & 0xff) << 8) | (v6[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------
    // Small helpers

    /** A part inet_aton accepts: decimal, octal (leading 0) or hex (0x...) digits. */
    private static boolean isLegacyNumericPart(String label) {
        if (isAsciiDigits(label)) {
            return true;
        }
        if (label.length() >= 2 && label.charAt(0) == '0' && (label.charAt(1) == 'x' || label.charAt(1) == 'X')) {
            for (int i = 2; i < label.length(); i++) {
                if (Character.digit(label.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static int countColons(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ':') {
                n++;
            }
        }
        return n;
    }

    private static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static IllegalArgumentException invalid(String original, String problem) {
        return new IllegalArgumentException("invalid node address " + quote(original) + ": " + problem);
    }

    /**
     * Quotes user input for an error message: single quotes, with control, format and line
     * separator characters escaped (so a hostile value cannot forge log lines), long values
     * shortened.
     */
    static String quote(String s) {
        int limit = 120;
        StringBuilder sb = new StringBuilder(Math.min(s.length(), limit) + 16).append('\'');
        for (int i = 0; i < s.length() && i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\'': sb.append("\\'"); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case 0: sb.append("\\0"); break;
                default:
                    if (c < 0x20 || c == 0x7f || Character.isISOControl(c)
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            || Character.getType(c) == Character.FORMAT) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('\'');
        if (s.length() > limit) {
            sb.append("... (").append(s.length()).append(" characters)");
        }
        return sb.toString();
    }
}
