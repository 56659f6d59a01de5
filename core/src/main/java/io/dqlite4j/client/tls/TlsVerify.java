package io.dqlite4j.client.tls;

import java.util.Locale;

/** What the client checks of the server's certificate ({@code tls_verify}). */
public enum TlsVerify {
    /** The chain against the trusted certificates and the host name or IP against the SAN: the default. */
    FULL,
    /** The chain only: for cluster certificates that do not name the address the client dials. */
    CA,
    /** Nothing: encryption without authentication of the server, for tests. */
    NONE;

    /**
     * The URL text, {@code full}, {@code ca} or {@code none}.
     *
     * @return the lower-case name
     */
    public String urlValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named by {@code text} (case-insensitive).
     *
     * @param text {@code full}, {@code ca} or {@code none}
     * @return the mode
     * @throws IllegalArgumentException for any other text
     */
    public static TlsVerify fromUrlValue(String text) {
        for (TlsVerify v : values()) {
            if (v.urlValue().equalsIgnoreCase(text.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("not a verification mode: " + text);
    }
}
