package io.dqlite4j.it.tls;

import io.dqlite4j.client.tls.Pem;
import io.dqlite4j.testkit.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Key conversions and an application-built SSLContext for the TLS tests. */
final class TlsKeys {
    /** prime256v1, 1.2.840.10045.3.1.7: the curve the testkit's keys use. */
    private static final byte[] P256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};

    private TlsKeys() {
    }

    /** The P-256 key of a PKCS#8 PEM as a SEC1 {@code EC PRIVATE KEY} PEM, the form Go writes. */
    static String toSec1Pem(String pkcs8Pem) {
        ECPrivateKey key = (ECPrivateKey) Pem.privateKey(pkcs8Pem, "test key");
        byte[] s = key.getS().toByteArray();
        byte[] d = new byte[32];
        int from = Math.max(0, s.length - 32);
        System.arraycopy(s, from, d, 32 - (s.length - from), s.length - from);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x01});          // version 1
        body.write(0x04);
        body.write(32);
        body.writeBytes(d);                                        // privateKey
        body.write(0xA0);
        body.write(P256.length);
        body.writeBytes(P256);                                     // [0] namedCurve
        byte[] inner = body.toByteArray();
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        der.write(0x30);
        der.write(inner.length);
        der.writeBytes(inner);
        return TlsFiles.pem("EC PRIVATE KEY", der.toByteArray());
    }

    /** What an application would build itself: the cluster certificate as trust and as client certificate. */
    static SSLContext context(TlsFiles files) throws Exception {
        List<X509Certificate> chain = Pem.certificates(Files.readString(files.certificate()), "cert");
        PrivateKey key = Pem.privateKey(Files.readString(files.key()), "key");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, new char[0], chain.toArray(new X509Certificate[0]));
        ks.setCertificateEntry("ca", chain.get(0));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
