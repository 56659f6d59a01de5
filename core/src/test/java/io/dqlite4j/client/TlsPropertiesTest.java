package io.dqlite4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.tls.TlsVerify;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsPropertiesTest {
    private static final String BASE = "dqlite://127.0.0.1:9001/db?";

    @Test
    void tlsIsOffByDefaultAndTlsTrueTurnsItOn() {
        assertThat(DqliteUrl.parse("dqlite://127.0.0.1:9001/db").tlsEnabled()).isFalse();
        DqliteConfig on = DqliteUrl.parse(BASE + "tls=true");
        assertThat(on.tlsEnabled()).isTrue();
        assertThat(on.tls().orElseThrow().verify()).isEqualTo(TlsVerify.FULL);
    }

    @Test
    void anyTlsKeyTurnsTlsOn() {
        DqliteConfig c = DqliteUrl.parse(BASE + "tls_verify=none&tls_server_name=dqlite");
        assertThat(c.tlsEnabled()).isTrue();
        assertThat(c.tls().orElseThrow().verify()).isEqualTo(TlsVerify.NONE);
        assertThat(c.tls().orElseThrow().serverName()).isEqualTo("dqlite");
        assertThat(c.valueText(DqliteProperty.TLS_SERVER_NAME)).isEqualTo("dqlite");
        assertThat(DqliteUrl.parse(BASE + "tls_verify=CA").tls().orElseThrow().verify()).isEqualTo(TlsVerify.CA);
    }

    @Test
    void tlsFalseWithATlsKeyIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls=false&tls_server_name=x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tls' is false").hasMessageContaining("'tls_server_name'");
        assertThatThrownBy(() -> DqliteConfig.builder().addSeed(NodeAddress.parse("127.0.0.1:9001", 9001))
                .set(DqliteProperty.TLS, "false").sslContext(defaultContext()).build())
                .hasMessageContaining("'tls' is false").hasMessageContaining("SSLContext");
    }

    @Test
    void aServerNameThatIsNoHostNameIsRefusedWhenParsed() {
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_server_name=bad%20name"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tls_server_name'");
    }

    @Test
    void badVerifyModeNamesTheKeyAndTheChoices() {
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_verify=strict"))
                .hasMessageContaining("'tls_verify'").hasMessageContaining("full, ca or none");
    }

    @Test
    void missingOrUnreadableFilesNameTheKeyAndTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_ca=" + dir.resolve("nope.pem")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tls_ca'").hasMessageContaining(dir.resolve("nope.pem").toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_ca=" + dir))
                .hasMessageContaining("'tls_ca'").hasMessageContaining("not a regular file");
        Path locked = Files.writeString(dir.resolve("locked.pem"), "x");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads anything
            assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_ca=" + locked))
                    .hasMessageContaining("'tls_ca'").hasMessageContaining("not readable");
        }
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "garbage");
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_ca=" + garbage))
                .hasMessageContaining("tls_ca file " + garbage).hasMessageContaining("no PEM certificate");
    }

    @Test
    void certificateAndKeyGoTogether(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("f.pem"), "x");
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_cert=" + f))
                .hasMessageContaining("'tls_cert' is set but 'tls_key' is not");
        assertThatThrownBy(() -> DqliteUrl.parse(BASE + "tls_key=" + f))
                .hasMessageContaining("'tls_key' is set but 'tls_cert' is not");
    }

    @Test
    void anSslContextCannotBeCombinedWithFiles() throws Exception {
        DqliteConfig.Builder b = DqliteConfig.builder().addSeed(NodeAddress.parse("127.0.0.1:9001", 9001))
                .set(DqliteProperty.TLS_CA, "/etc/ca.pem").sslContext(defaultContext());
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'tls_ca' cannot be combined with an SSLContext");
    }

    @Test
    void sslContextTurnsTlsOnAndTakesPartInEquality() throws Exception {
        SSLContext ctx = defaultContext();
        DqliteConfig plain = DqliteUrl.parse("dqlite://127.0.0.1:9001/db");
        DqliteConfig withCtx = plain.toBuilder().sslContext(ctx).build();
        assertThat(withCtx.tlsEnabled()).isTrue();
        assertThat(withCtx.tls().orElseThrow().context()).isSameAs(ctx);
        assertThat(withCtx).isNotEqualTo(plain);
        assertThat(withCtx.toBuilder().build()).isEqualTo(withCtx).hasSameHashCodeAs(withCtx);
    }

    @Test
    void theSameTlsUrlParsesToEqualConfigsSoTheJdbcDriverReusesItsClient() {
        String url = BASE + "tls_verify=none&tls_server_name=dqlite";
        DqliteConfig a = DqliteUrl.parse(url);
        DqliteConfig b = DqliteUrl.parse(url);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.tls().orElseThrow().context()).isSameAs(b.tls().orElseThrow().context());
        assertThat(a).isNotEqualTo(DqliteUrl.parse(BASE + "tls_verify=none"));
    }

    @Test
    void everyTlsKeyIsAProperty() {
        for (String key : new String[] {"tls", "tls_ca", "tls_cert", "tls_key", "tls_verify", "tls_server_name"}) {
            assertThat(DqliteProperty.forKey(key)).as(key).isPresent();
        }
        assertThat(DqliteProperty.TLS_VERIFY.choices()).containsExactly("full", "ca", "none");
        assertThat(DqliteUrl.parse("dqlite://127.0.0.1:9001/db").valueText(DqliteProperty.TLS_CA)).isEmpty();
    }

    private static SSLContext defaultContext() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, null, null);
        return c;
    }
}
