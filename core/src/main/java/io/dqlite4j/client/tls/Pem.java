package io.dqlite4j.client.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads PEM text with the JDK alone: X.509 certificates, and unencrypted private keys in PKCS#8
 * ({@code PRIVATE KEY}) or in the traditional forms go-dqlite's tools and OpenSSL write:
 * {@code RSA PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1, which must name its curve,
 * as Go's and OpenSSL's encoders do). Traditional keys are rewrapped as PKCS#8, the only form the
 * JDK's key factories read. Encrypted keys are refused: a connection URL has no place for a
 * pass phrase.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message starts with the
 * {@code source} the caller names (e.g. {@code tls_key file /etc/app/client.key}).
 */
public final class Pem {
    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private Pem() {
    }

    /** One PEM block: its label ({@code CERTIFICATE}, {@code EC PRIVATE KEY}, ...) and body. */
    private record Block(String label, byte[] der, boolean encryptedHeader) {
    }

    /**
     * The certificates in {@code text}, in order; other blocks are ignored.
     *
     * @param text PEM text
     * @param source what to name in error messages
     * @return at least one certificate
     * @throws IllegalArgumentException when there is no certificate or one does not parse
     */
    public static List<X509Certificate> certificates(String text, String source) {
        List<X509Certificate> certs = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        for (Block b : blocks(text, source)) {
            if (b.label.equals("CERTIFICATE") || b.label.equals("TRUSTED CERTIFICATE")) {
                try {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
                } catch (CertificateException | ClassCastException e) {
                    throw new IllegalArgumentException(source + ": certificate " + (certs.size() + 1)
                            + " is not a valid X.509 certificate: " + e.getMessage(), e);
                }
            }
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(source + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
        }
        return certs;
    }

    /**
     * The one private key in {@code text}.
     *
     * @param text PEM text
     * @param source what to name in error messages
     * @return the key (RSA or EC)
     * @throws IllegalArgumentException when there is no key, more than one, an encrypted one, or
     *         one that does not parse
     */
    public static PrivateKey privateKey(String text, String source) {
        PrivateKey found = null;
        for (Block b : blocks(text, source)) {
            if (!b.label.endsWith("PRIVATE KEY")) {
                continue;
            }
            if (b.encryptedHeader || b.label.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IllegalArgumentException(source + ": the private key is encrypted; dqlite4j reads only "
                        + "unencrypted keys (decrypt it, e.g. openssl pkey -in KEY -out PLAIN, and protect the file)");
            }
            if (found != null) {
                throw new IllegalArgumentException(source + ": more than one private key");
            }
            found = switch (b.label) {
                case "PRIVATE KEY" -> pkcs8(b.der, source);
                case "RSA PRIVATE KEY" -> decode("RSA", Der.privateKeyInfo(
                        Der.element(Der.SEQUENCE, Der.element(Der.OID, Der.RSA_ENCRYPTION), new byte[] {Der.NULL, 0}),
                        b.der), source);
                case "EC PRIVATE KEY" -> decode("EC", Der.privateKeyInfo(
                        Der.element(Der.SEQUENCE, Der.element(Der.OID, Der.EC_PUBLIC_KEY), sec1Curve(b.der, source)),
                        b.der), source);
                default -> throw new IllegalArgumentException(source + ": unsupported key type '" + b.label
                        + "'; expected PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
            };
        }
        if (found == null) {
            throw new IllegalArgumentException(source + ": no PEM private key (-----BEGIN PRIVATE KEY-----, "
                    + "RSA PRIVATE KEY or EC PRIVATE KEY) found");
        }
        return found;
    }

    /** The curve OID element of a SEC1 ECPrivateKey, from its {@code [0]} parameters. */
    private static byte[] sec1Curve(byte[] der, String source) {
        try {
            Der.Tlv key = Der.read(der, 0, der.length);
            if (key.tag() != Der.SEQUENCE) {
                throw new IllegalArgumentException("not a SEQUENCE");
            }
            Der.Tlv e = key.first();
            while (true) {
                if (e.tag() == Der.CONTEXT_0) {
                    Der.Tlv oid = e.first();
                    if (oid.tag() != Der.OID) {
                        throw new IllegalArgumentException("the curve is not a named curve");
                    }
                    return Der.element(Der.OID, oid.value());
                }
                if (!e.hasNext(key.valueEnd())) {
                    throw new IllegalArgumentException("the key does not name its curve");
                }
                e = e.next(key.valueEnd());
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a valid EC PRIVATE KEY: " + e.getMessage(), e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        // The algorithm OID decides the factory: PrivateKeyInfo { version, { algorithm, ... }, key }.
        String algorithm;
        try {
            Der.Tlv info = Der.read(der, 0, der.length);
            Der.Tlv alg = info.first().next(info.valueEnd()).first();
            byte[] oid = alg.value();
            if (java.util.Arrays.equals(oid, Der.RSA_ENCRYPTION)) {
                algorithm = "RSA";
            } else if (java.util.Arrays.equals(oid, Der.EC_PUBLIC_KEY)) {
                algorithm = "EC";
            } else if (oid.length == 3 && oid[0] == 0x2B && oid[1] == 0x65 && (oid[2] == 0x70 || oid[2] == 0x71)) {
                algorithm = oid[2] == 0x70 ? "Ed25519" : "Ed448";
            } else {
                throw new IllegalArgumentException("unsupported key algorithm");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a valid PKCS#8 PRIVATE KEY: " + e.getMessage(), e);
        }
        return decode(algorithm, der, source);
    }

    private static PrivateKey decode(String algorithm, byte[] pkcs8, String source) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(source + ": not a valid " + algorithm + " private key: "
                    + e.getMessage(), e);
        }
    }

    private static List<Block> blocks(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf(BEGIN, at);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf(DASHES, begin + BEGIN.length());
            if (labelEnd < 0) {
                throw new IllegalArgumentException(source + ": malformed PEM: unterminated BEGIN line");
            }
            String label = text.substring(begin + BEGIN.length(), labelEnd).strip().toUpperCase(Locale.ROOT);
            String endMarker = END + label + DASHES;
            int end = text.indexOf(endMarker, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException(source + ": malformed PEM: no '" + endMarker + "' line");
            }
            String body = text.substring(labelEnd + DASHES.length(), end);
            boolean encrypted = false;
            StringBuilder base64 = new StringBuilder(body.length());
            for (String line : body.split("\r?\n")) {
                String l = line.strip();
                if (l.indexOf(':') >= 0) {
                    // RFC 1421 headers, e.g. "Proc-Type: 4,ENCRYPTED" on an OpenSSL-encrypted key.
                    encrypted |= l.toUpperCase(Locale.ROOT).contains("ENCRYPTED");
                } else {
                    base64.append(l);
                }
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": malformed PEM: the " + label
                        + " block is not valid base64", e);
            }
            blocks.add(new Block(label, der, encrypted));
            at = end + endMarker.length();
        }
    }
}
