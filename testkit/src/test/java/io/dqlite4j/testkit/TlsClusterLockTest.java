package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TlsClusterLockTest {

    @Test
    void aSecondTlsClusterWaitsForTheFirstAndGivesUpWithAClearMessage() {
        try (TlsClusterLock first = TlsClusterLock.acquire(Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> TlsClusterLock.acquire(Duration.ofMillis(200)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only one TLS cluster can run on a host at a time");
        }
        // Released: the slot can be taken again, and closing twice releases once.
        TlsClusterLock again = TlsClusterLock.acquire(Duration.ofSeconds(5));
        again.close();
        again.close();
        TlsClusterLock.acquire(Duration.ofSeconds(5)).close();
    }

    @Test
    void generatedCertificateNamesLoopbackAndIsForServerAndClientAuthentication(@TempDir Path dir) throws Exception {
        TlsFiles files = TlsFiles.generate(dir);
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(files.certificate())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(Files.readString(files.key(), StandardCharsets.US_ASCII)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(files.loopbackUrlParameters()).isEqualTo(files.urlParameters()).contains("tls_ca=", "tls_key=");
        TlsFiles named = TlsFiles.generate(dir.resolve("named"), "DNS:dqlite");
        assertThat(named.loopbackUrlParameters()).endsWith("&tls_server_name=dqlite");
    }
}
