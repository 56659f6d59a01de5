package io.dqlite4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A cluster certificate and its private key as PEM files, in the shape go-dqlite's {@code app}
 * package (and {@code dqlite-demo --cert/--key}) uses: one self-signed certificate that every
 * node presents, that every node trusts as the only CA, and that clients present as well.
 *
 * <p>{@link #generate(Path, String...)} makes one with the JDK's {@code keytool} (an EC P-256 key,
 * valid ten years, usable for server and client authentication) and writes the certificate and a
 * PKCS#8 key as PEM.
 */
public final class TlsFiles {
    /** The names {@link #generate(Path)} puts in the certificate: what the testkit's URLs dial. */
    public static final List<String> LOOPBACK_NAMES = List.of("DNS:localhost", "IP:127.0.0.1");

    private final Path certificate;
    private final Path key;

    private TlsFiles(Path certificate, Path key) {
        this.certificate = certificate;
        this.key = key;
    }

    /**
     * Existing files: a PEM certificate (also used as the CA) and its PEM private key.
     *
     * @param certificate the certificate file
     * @param key the key file
     * @return the pair
     */
    public static TlsFiles of(Path certificate, Path key) {
        return new TlsFiles(certificate.toAbsolutePath(), key.toAbsolutePath());
    }

    /**
     * A fresh self-signed certificate naming {@code localhost} and {@code 127.0.0.1}.
     *
     * @param dir where {@code cluster.crt} and {@code cluster.key} are written
     * @return the files
     */
    public static TlsFiles generate(Path dir) {
        return generate(dir, LOOPBACK_NAMES.toArray(new String[0]));
    }

    /**
     * A fresh self-signed certificate with the given subject alternative names, in keytool's
     * syntax ({@code DNS:dqlite}, {@code IP:127.0.0.1}); the first DNS name is what go-dqlite's
     * own client sends as server name, so nodes reach each other only if the certificate has one.
     *
     * @param dir where {@code cluster.crt} and {@code cluster.key} are written
     * @param subjectAltNames the names, at least one DNS name
     * @return the files
     */
    public static TlsFiles generate(Path dir, String... subjectAltNames) {
        try {
            Files.createDirectories(dir);
            Path store = dir.resolve("cluster.p12");
            Files.deleteIfExists(store);
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-noprompt",
                    "-alias", "cluster", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                    "-validity", "3650", "-dname", "CN=dqlite4j testkit", "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit",
                    "-ext", "SAN=" + String.join(",", subjectAltNames),
                    "-ext", "EKU=serverAuth,clientAuth"));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed (" + p.exitValue() + "): " + output.strip());
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            Certificate cert = ks.getCertificate("cluster");
            Key key = ks.getKey("cluster", "changeit".toCharArray());
            Path certFile = dir.resolve("cluster.crt");
            Path keyFile = dir.resolve("cluster.key");
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(keyFile, pem("PRIVATE KEY", ((PrivateKey) key).getEncoded()), StandardCharsets.US_ASCII);
            Files.delete(store);
            return of(certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate a TLS certificate in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the generated TLS certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating a TLS certificate", e);
        }
    }

    /**
     * PEM text of one block, lines of 64 characters.
     *
     * @param label e.g. {@code CERTIFICATE}
     * @param der the contents
     * @return the PEM text
     */
    public static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /**
     * The certificate file (given to the nodes as {@code --cert}, to clients as {@code tls_ca} and
     * {@code tls_cert}).
     *
     * @return the path
     */
    public Path certificate() {
        return certificate;
    }

    /**
     * The private key file ({@code --key}, {@code tls_key}).
     *
     * @return the path
     */
    public Path key() {
        return key;
    }

    /**
     * URL parameters for mutual TLS with these files: {@code tls_ca=…&tls_cert=…&tls_key=…}
     * (percent-encoded).
     *
     * @return the query text, without a leading {@code ?}
     */
    public String urlParameters() {
        return "tls_ca=" + encode(certificate) + "&tls_cert=" + encode(certificate) + "&tls_key=" + encode(key);
    }

    /**
     * What the testkit's own URLs need to reach nodes on 127.0.0.1 under full verification: these
     * files' parameters, plus {@code tls_server_name} set to the certificate's first DNS name
     * when the certificate does not name {@code 127.0.0.1}.
     *
     * @return the query text, without a leading {@code ?}
     */
    public String loopbackUrlParameters() {
        try {
            java.security.cert.X509Certificate cert = io.dqlite4j.client.tls.Pem.certificates(
                    Files.readString(certificate, StandardCharsets.US_ASCII), certificate.toString()).get(0);
            String firstDns = null;
            boolean namesLoopback = false;
            java.util.Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
                int type = (Integer) san.get(0);
                if (type == 7 && "127.0.0.1".equals(san.get(1))) {
                    namesLoopback = true;
                } else if (type == 2 && firstDns == null) {
                    firstDns = (String) san.get(1);
                }
            }
            return urlParameters() + (namesLoopback || firstDns == null ? "" : "&tls_server_name=" + firstDns);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + certificate, e);
        } catch (java.security.cert.CertificateParsingException e) {
            throw new IllegalStateException("cannot read the names of " + certificate + ": " + e, e);
        }
    }

    private static String encode(Path p) {
        return URLEncoder.encode(p.toString(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TlsFiles t && t.certificate.equals(certificate) && t.key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certificate, key);
    }

    @Override
    public String toString() {
        return "TlsFiles[" + certificate + ", " + key + "]";
    }
}
