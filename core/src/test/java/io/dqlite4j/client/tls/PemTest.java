package io.dqlite4j.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PemTest {
    /** prime256v1 (1.2.840.10045.3.1.7) as an OID element. */
    private static final byte[] P256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static KeyPair ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** SEC1 ECPrivateKey { 1, d, [0] curve } as Go's x509.MarshalECPrivateKey writes it (less the public key). */
    private static byte[] sec1(ECPrivateKey key, boolean withCurve) {
        byte[] s = key.getS().toByteArray();
        byte[] d = new byte[32];
        int from = Math.max(0, s.length - 32);
        System.arraycopy(s, from, d, 32 - (s.length - from), s.length - from);
        byte[] version = {Der.INTEGER, 1, 1};
        byte[] priv = Der.element(Der.OCTET_STRING, d);
        return withCurve ? Der.element(Der.SEQUENCE, version, priv, Der.element(Der.CONTEXT_0, P256))
                : Der.element(Der.SEQUENCE, version, priv);
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (its OCTET STRING). */
    private static byte[] pkcs1(PrivateKey key) {
        byte[] der = key.getEncoded();
        Der.Tlv info = Der.read(der, 0, der.length);
        Der.Tlv octets = info.first().next(info.valueEnd()).next(info.valueEnd());
        return octets.value();
    }

    @Test
    void readsPkcs8EcAndRsaKeys() throws Exception {
        KeyPair ec = ec();
        KeyPair rsa = rsa();
        assertThat(Pem.privateKey(pem("PRIVATE KEY", ec.getPrivate().getEncoded()), "k").getEncoded())
                .isEqualTo(ec.getPrivate().getEncoded());
        assertThat(Pem.privateKey(pem("PRIVATE KEY", rsa.getPrivate().getEncoded()), "k").getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void readsTraditionalSec1EcKey() throws Exception {
        ECPrivateKey key = (ECPrivateKey) ec().getPrivate();
        PrivateKey read = Pem.privateKey("junk before\n" + pem("EC PRIVATE KEY", sec1(key, true)), "k");
        assertThat(read).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) read).getS()).isEqualTo(key.getS());
    }

    @Test
    void readsTraditionalPkcs1RsaKey() throws Exception {
        PrivateKey key = rsa().getPrivate();
        PrivateKey read = Pem.privateKey(pem("RSA PRIVATE KEY", pkcs1(key)), "k");
        assertThat(read.getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPrivateKey) read).getPrivateExponent())
                .isEqualTo(((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent());
    }

    @Test
    void sec1KeyWithoutCurveIsRefusedClearly() throws Exception {
        ECPrivateKey key = (ECPrivateKey) ec().getPrivate();
        assertThatThrownBy(() -> Pem.privateKey(pem("EC PRIVATE KEY", sec1(key, false)), "tls_key file /k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tls_key file /k: ")
                .hasMessageContaining("does not name its curve");
    }

    @Test
    void encryptedKeysAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> Pem.privateKey(pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0}), "tls_key file /k"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tls_key file /k").hasMessageContaining("encrypted");
        String openSslEncrypted = "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END EC PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.privateKey(openSslEncrypted, "k"))
                .hasMessageContaining("encrypted");
    }

    @Test
    void garbageIsRefusedNamingTheSource() {
        assertThatThrownBy(() -> Pem.privateKey("not pem at all", "tls_key file /x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tls_key file /x: no PEM private key");
        assertThatThrownBy(() -> Pem.certificates("", "tls_ca file /c"))
                .hasMessageStartingWith("tls_ca file /c: no PEM certificate");
        assertThatThrownBy(() -> Pem.privateKey(pem("PRIVATE KEY", new byte[] {1, 2, 3}), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid PKCS#8");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----", "k"))
                .hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n", "k"))
                .hasMessageContaining("no '-----END PRIVATE KEY-----' line");
        assertThatThrownBy(() -> Pem.certificates(pem("CERTIFICATE", new byte[] {0x30, 3, 1, 2, 3}), "c"))
                .hasMessageContaining("certificate 1 is not a valid X.509 certificate");
        byte[] lying = {0x30, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0};
        assertThatThrownBy(() -> Pem.privateKey(pem("EC PRIVATE KEY", lying), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid EC PRIVATE KEY");
    }

    @Test
    void twoKeysAreRefused() throws Exception {
        byte[] k = ec().getPrivate().getEncoded();
        assertThatThrownBy(() -> Pem.privateKey(pem("PRIVATE KEY", k) + pem("PRIVATE KEY", k), "k"))
                .hasMessageContaining("more than one private key");
    }

    @Test
    void derLengthsRoundTrip() {
        for (int n : new int[] {0, 127, 128, 255, 256, 65535, 65536}) {
            byte[] e = Der.element(Der.OCTET_STRING, new byte[n]);
            Der.Tlv t = Der.read(e, 0, e.length);
            assertThat(t.valueEnd() - t.valueStart()).isEqualTo(n);
            assertThat(t.valueEnd()).isEqualTo(e.length);
        }
        assertThat(Arrays.equals(Der.element(Der.OID, Der.EC_PUBLIC_KEY),
                new BigInteger("06072A8648CE3D0201", 16).toByteArray())).isTrue();
    }
}
