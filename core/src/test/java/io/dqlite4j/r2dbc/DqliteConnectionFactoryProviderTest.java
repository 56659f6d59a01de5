package io.dqlite4j.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.client.DqliteConfig;
import io.dqlite4j.client.DqliteProperty;
import io.dqlite4j.client.NodeAddress;
import io.dqlite4j.client.SessionMode;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DqliteConnectionFactoryProviderTest {

    @Test
    void urlIsFoundThroughTheServiceLoader() {
        ConnectionFactory cf = ConnectionFactories.get(
                "r2dbc:dqlite://127.0.0.1:9101,127.0.0.1:9102/mydb?timeout=5&session_mode=deferred&max_total_rows=none");
        assertThat(cf).isInstanceOf(DqliteConnectionFactory.class);
        assertThat(cf.getMetadata().getName()).isEqualTo("dqlite");
        DqliteConfig config = ((DqliteConnectionFactory) cf).config();
        assertThat(config.seeds()).containsExactly(NodeAddress.parse("127.0.0.1:9101"), NodeAddress.parse("127.0.0.1:9102"));
        assertThat(config.database()).isEqualTo("mydb");
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sessionMode()).isEqualTo(SessionMode.DEFERRED);
        assertThat(config.maxTotalRows()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void singleHostDefaultsPortAndDatabase() {
        DqliteConfig config = ((DqliteConnectionFactory) ConnectionFactories.get("r2dbc:dqlite://10.1.2.3")).config();
        assertThat(config.seeds()).containsExactly(NodeAddress.parse("10.1.2.3:9001"));
        assertThat(config.database()).isEqualTo("default");
        DqliteConfig withPort = ((DqliteConnectionFactory) ConnectionFactories.get("r2dbc:dqlite://10.1.2.3:7000/x")).config();
        assertThat(withPort.seeds()).containsExactly(NodeAddress.parse("10.1.2.3:7000"));
    }

    @Test
    void unknownOptionsAreRejectedNamingTheAllowedKeys() {
        assertThatThrownBy(() -> ConnectionFactories.get("r2dbc:dqlite://127.0.0.1:9001/db?tiemout=5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tiemout").hasMessageContaining("busy_timeout");
    }

    @Test
    void badValuesAreRejected() {
        assertThatThrownBy(() -> ConnectionFactories.get("r2dbc:dqlite://127.0.0.1:9001/db?timeout=-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> ConnectionFactories.get("r2dbc:dqlite://127.0.0.1:9001/db?session_mode=fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("session_mode");
    }

    @Test
    void credentialsAreRejectedAndSslMeansTls() {
        assertThatThrownBy(() -> ConnectionFactories.get("r2dbc:dqlite://me:secret@127.0.0.1:9001/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authentication")
                .hasMessageNotContaining("secret");
        assertThat(DqliteConnectionFactoryProvider.toConfig(
                ConnectionFactoryOptions.parse("r2dbcs:dqlite://127.0.0.1:9001/db")).tlsEnabled()).isTrue();
        assertThat(DqliteConnectionFactoryProvider.toConfig(
                ConnectionFactoryOptions.parse("r2dbc:dqlite://127.0.0.1:9001/db?tls_verify=ca")).tlsEnabled()).isTrue();
        assertThatThrownBy(() -> ConnectionFactories.get("r2dbcs:dqlite://127.0.0.1:9001/db?tls=false"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tls");
    }

    @Test
    void programmaticOptionsPoolOptionsAndStandardTimeouts() {
        ConnectionFactoryOptions options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "dqlite")
                .option(ConnectionFactoryOptions.HOST, "127.0.0.1")
                .option(ConnectionFactoryOptions.PORT, 9300)
                .option(ConnectionFactoryOptions.DATABASE, "app")
                .option(ConnectionFactoryOptions.CONNECT_TIMEOUT, Duration.ofMillis(1500))
                .option(ConnectionFactoryOptions.LOCK_WAIT_TIMEOUT, Duration.ofSeconds(2))
                .option(DqliteConnectionFactoryProvider.option(DqliteProperty.TIMEOUT), Duration.ofSeconds(3))
                .option(DqliteConnectionFactoryProvider.option(DqliteProperty.SESSION_MODE), SessionMode.EXCLUSIVE)
                .option(DqliteConnectionFactoryProvider.option(DqliteProperty.MAX_ATTEMPTS), 4)
                .option(Option.valueOf("maxSize"), "8") // r2dbc-pool passes its options along
                .build();
        DqliteConfig config = ((DqliteConnectionFactory) ConnectionFactories.get(options)).config();
        assertThat(config.seeds()).containsExactly(NodeAddress.parse("127.0.0.1:9300"));
        assertThat(config.database()).isEqualTo("app");
        assertThat(config.dialTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.busyTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.sessionMode()).isEqualTo(SessionMode.EXCLUSIVE);
        assertThat(config.maxAttempts()).isEqualTo(4);
    }

    @Test
    void otherDriversAreNotSupported() {
        DqliteConnectionFactoryProvider provider = new DqliteConnectionFactoryProvider();
        assertThat(provider.getDriver()).isEqualTo("dqlite");
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:postgresql://h/db"))).isFalse();
        assertThat(provider.supports(ConnectionFactoryOptions.parse("r2dbc:dqlite://h/db"))).isTrue();
    }

    @Test
    void factoryFromUrlAcceptsR2dbcAndNativeForms() {
        assertThat(DqliteConnectionFactory.from("r2dbc:dqlite://127.0.0.1:9001/a").config().database()).isEqualTo("a");
        assertThat(DqliteConnectionFactory.from("dqlite://127.0.0.1:9001/b").config().database()).isEqualTo("b");
    }
}
