package io.dqlite4j.jooq.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import org.jooq.CloseableDSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code DqliteDSL.using(url)} over mutual TLS, against a one-node {@code --cert/--key} cluster. */
@Timeout(120)
class JooqTlsIT {

    @Test
    void usingAUrlWithTlsKeysRunsQueriesOverMutualTlsAndAPlainUrlIsRefused() {
        assumeThat(LocalCluster.servesTls(ServerVersion.current()))
                .as("dqlite " + ServerVersion.current().version() + " does not serve TLS (1.18 and newer do)").isTrue();
        try (LocalCluster cluster = LocalCluster.builder().nodes(1).tls().start()) {
            try (CloseableDSLContext ctx = DqliteDSL.using(cluster.jdbcUrl())) {
                ctx.execute("CREATE TABLE jooq_tls (id INTEGER PRIMARY KEY, v TEXT)");
                ctx.insertInto(DSL.table("jooq_tls"), DSL.field("v")).values("secure").execute();
                assertThat(ctx.select(DSL.field("v", String.class)).from("jooq_tls").fetchOne(0, String.class))
                        .isEqualTo("secure");
            }
            String plain = "jdbc:dqlite://" + cluster.addresses().get(0) + "/default?max_attempts=1&dial_timeout=3&timeout=3";
            assertThatThrownBy(() -> DqliteDSL.using(plain)).isInstanceOf(DataAccessException.class)
                    .satisfies(e -> assertThat(((DataAccessException) e).sqlState()).startsWith("08"));
        }
    }
}
