package io.dqlite4j.client.tls;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client speaks TLS to dqlite nodes: the {@link SSLContext} (built from PEM files or given
 * by the application), the {@linkplain TlsVerify verification mode} and the optional name to
 * verify and send as SNI. It makes one client-mode {@link SSLEngine} per connection, limited to
 * TLS 1.2 and 1.3 (go-dqlite accepts nothing older).
 *
 * <p>Contexts built from files are cached by path, size and modification time, so parsing the same
 * URL again (the JDBC driver does for each connection) reads no file and a rotated certificate is
 * picked up by the next connection.
 */
public final class TlsSettings {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Map<List<Object>, SSLContext> FILE_CONTEXTS = new ConcurrentHashMap<>();

    private final SSLContext context;
    private final TlsVerify verify;
    private final String serverName;

    private TlsSettings(SSLContext context, TlsVerify verify, String serverName) {
        this.context = context;
        this.verify = verify;
        this.serverName = serverName;
        if (serverName != null && !isIpLiteral(serverName)) {
            try {
                new SNIHostName(serverName);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid value '" + serverName + "' for dqlite parameter"
                        + " 'tls_server_name': not a host name (" + e.getMessage() + ")", e);
            }
        }
    }

    /**
     * Settings around an application's own context: it decides trust and client certificate;
     * {@code verify} only decides whether the host name is checked ({@link TlsVerify#FULL}).
     *
     * @param context the context
     * @param verify the verification mode
     * @param serverName the name to verify and send as SNI, or null for the dialled host
     * @return the settings
     */
    public static TlsSettings of(SSLContext context, TlsVerify verify, String serverName) {
        return new TlsSettings(Objects.requireNonNull(context, "context"), Objects.requireNonNull(verify, "verify"),
                serverName);
    }

    /**
     * Settings from PEM files. Each path may be null: without {@code ca} the JVM's default trust
     * store is used; without {@code cert}/{@code key} no client certificate is offered (go-dqlite
     * nodes then refuse the handshake). {@code cert} and {@code key} go together.
     *
     * @param ca the {@code tls_ca} file, or null
     * @param cert the {@code tls_cert} file, or null
     * @param key the {@code tls_key} file, or null
     * @param verify the verification mode
     * @param serverName the {@code tls_server_name}, or null
     * @return the settings
     * @throws IllegalArgumentException naming the key and the file of a missing, unreadable or
     *         malformed file, or the missing half of a certificate/key pair
     */
    public static TlsSettings fromFiles(Path ca, Path cert, Path key, TlsVerify verify, String serverName) {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException(cert == null
                    ? "dqlite parameter 'tls_key' is set but 'tls_cert' is not; give the client certificate too"
                    : "dqlite parameter 'tls_cert' is set but 'tls_key' is not; give the client certificate's key too");
        }
        List<Object> id = List.of(verify, stamp(ca, "tls_ca"), stamp(cert, "tls_cert"), stamp(key, "tls_key"));
        SSLContext context = FILE_CONTEXTS.get(id);
        if (context == null) {
            context = build(ca, cert, key, verify);
            if (FILE_CONTEXTS.size() > 64) {
                FILE_CONTEXTS.clear(); // stale versions of rotated files; rebuilding is cheap
            }
            FILE_CONTEXTS.put(id, context);
        }
        return new TlsSettings(context, verify, serverName);
    }

    /** Identifies a file's current version, checking on the way that it can be read. */
    private static List<Object> stamp(Path file, String key) {
        if (file == null) {
            return List.of();
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile() || !Files.isReadable(file)) {
                throw new IllegalArgumentException("dqlite parameter '" + key + "': file " + file
                        + (a.isRegularFile() ? " is not readable" : " is not a regular file"));
            }
            return List.of(file.toAbsolutePath().normalize().toString(), a.size(), a.lastModifiedTime().toMillis());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("dqlite parameter '" + key + "': file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("dqlite parameter '" + key + "': cannot read file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static String read(Path file, String key) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("dqlite parameter '" + key + "': cannot read file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static SSLContext build(Path ca, Path cert, Path key, TlsVerify verify) {
        try {
            KeyManagerFactory kmf = null;
            if (cert != null) {
                List<X509Certificate> chain = Pem.certificates(read(cert, "tls_cert"), "tls_cert file " + cert);
                PrivateKey privateKey = Pem.privateKey(read(key, "tls_key"), "tls_key file " + key);
                if (!chain.get(0).getPublicKey().getAlgorithm().equals(privateKey.getAlgorithm())) {
                    throw new IllegalArgumentException("tls_key file " + key + " holds a " + privateKey.getAlgorithm()
                            + " key but the tls_cert file " + cert + " certifies a "
                            + chain.get(0).getPublicKey().getAlgorithm() + " key; they do not belong together");
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("client", privateKey, none, chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
            }
            TrustManager[] trust;
            if (verify == TlsVerify.NONE) {
                trust = new TrustManager[] {new TrustEverything()};
            } else {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                if (ca == null) {
                    tmf.init((KeyStore) null);
                } else {
                    KeyStore ts = KeyStore.getInstance("PKCS12");
                    ts.load(null, null);
                    int i = 0;
                    for (X509Certificate c : Pem.certificates(read(ca, "tls_ca"), "tls_ca file " + ca)) {
                        ts.setCertificateEntry("ca" + i++, c);
                    }
                    tmf.init(ts);
                }
                trust = tmf.getTrustManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The verification mode.
     *
     * @return the mode
     */
    public TlsVerify verify() {
        return verify;
    }

    /**
     * The {@code tls_server_name}, or null when the dialled host is verified.
     *
     * @return the server name or null
     */
    public String serverName() {
        return serverName;
    }

    /**
     * The context engines come from.
     *
     * @return the context
     */
    public SSLContext context() {
        return context;
    }

    /**
     * A client-mode engine for one connection to {@code host:port}: TLS 1.2/1.3 only, the host
     * name (or {@code tls_server_name}) checked against the certificate under
     * {@link TlsVerify#FULL}, and sent as SNI when it is a name rather than an IP address.
     *
     * @param host the dialled host
     * @param port the dialled port
     * @return a new engine, before its handshake
     */
    public SSLEngine newEngine(String host, int port) {
        String name = serverName != null ? serverName : host;
        SSLEngine engine = context.createSSLEngine(name, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        p.setEndpointIdentificationAlgorithm(verify == TlsVerify.FULL ? "HTTPS" : null);
        if (!isIpLiteral(name)) {
            p.setServerNames(List.of(new SNIHostName(name)));
        } else {
            p.setServerNames(List.of());
        }
        engine.setSSLParameters(p);
        return engine;
    }

    private static boolean isIpLiteral(String name) {
        return name.indexOf(':') >= 0 || name.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    /** {@code tls_verify=none}: accepts any server certificate. */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
