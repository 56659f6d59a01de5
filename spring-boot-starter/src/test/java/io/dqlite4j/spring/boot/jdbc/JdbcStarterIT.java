package io.dqlite4j.spring.boot.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.dqlite4j.jdbc.DqliteDriver;
import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteHealthIndicator;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A Boot application whose only setting is {@code spring.datasource.url=jdbc:dqlite://…}: Hikari
 * on the dqlite driver, Flyway migrating on startup through the dqlite plugin, jOOQ with dialect
 * SQLITE and the dqlite presets, the health indicator and the meters.
 */
@DqliteCluster(nodes = 3)
@Timeout(180)
class JdbcStarterIT {

    @SpringBootApplication
    static class App {
    }

    @Test
    void aDatasourceUrlAloneGivesJdbcJooqFlywayHealthAndMeters(LocalCluster cluster) {
        try (ConfigurableApplicationContext app = BootApps.run(App.class,
                BootApps.R2DBC + "," + BootApps.JPA + "," + BootApps.LIQUIBASE,
                "spring.datasource.url=" + cluster.jdbcUrl("boot_jdbc"))) {
            DataSource ds = app.getBean(DataSource.class);
            assertThat(ds).isInstanceOf(HikariDataSource.class);
            assertThat(((HikariDataSource) ds).getDriverClassName()).isEqualTo(DqliteDriver.class.getName());

            // Flyway ran the migration on startup, as the dqlite database type.
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", String.class))
                    .contains("author", "book", "flyway_schema_history");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success = 1", Integer.class))
                    .isEqualTo(1);

            // jOOQ: SQLITE, RETURNING rendered (refused under DEFAULT), Spring's transactions.
            DSLContext dsl = app.getBean(DSLContext.class);
            assertThat(dsl.dialect()).isEqualTo(SQLDialect.SQLITE);
            assertThat(dsl.settings().isFetchWarnings()).isFalse();
            Record author = dsl.insertInto(DSL.table("author"))
                    .columns(DSL.field("name"))
                    .values("Le Guin")
                    .returning(DSL.field("id"))
                    .fetchOne();
            assertThat(author).isNotNull();
            long authorId = author.get(0, Long.class);
            TransactionTemplate tx = app.getBean(TransactionTemplate.class);
            tx.executeWithoutResult(status -> {
                dsl.execute("INSERT INTO book (author_id, title) VALUES (?, ?)", authorId, "The Dispossessed");
                jdbc.update("INSERT INTO book (author_id, title) VALUES (?, ?)", authorId, "Lathe of Heaven");
            });
            assertThat(dsl.fetchCount(DSL.table("book"))).isEqualTo(2);

            // A read-only transaction (Connection.setReadOnly, as @Transactional(readOnly = true) does).
            TransactionTemplate readOnly = new TransactionTemplate(app.getBean(
                    org.springframework.transaction.PlatformTransactionManager.class));
            readOnly.setReadOnly(true);
            Integer books = readOnly.execute(status -> jdbc.queryForObject("SELECT count(*) FROM book", Integer.class));
            assertThat(books).isEqualTo(2);

            // Health: the leader, three voters, all reachable.
            DqliteHealthIndicator health = app.getBean(DqliteHealthIndicator.class);
            Health h = health.health();
            assertThat(h.getStatus()).isEqualTo(Status.UP);
            assertThat(h.getDetails().get("leader")).isEqualTo(cluster.leader().address());
            assertThat(h.getDetails()).containsEntry("voters", 3).containsEntry("reachableVoters", 3);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> members = (List<Map<String, Object>>) h.getDetails().get("members");
            assertThat(members).hasSize(3).allSatisfy(m -> assertThat(m).containsEntry("role", "VOTER"));

            // Meters count the driver's traffic.
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.get("dqlite.requests").counter().count()).isPositive();
            assertThat(meters.get("dqlite.discovery.attempts").counter().count()).isPositive();
            assertThat(meters.find("dqlite.leader.changes").counter()).isNotNull();
            assertThat(meters.find("dqlite.busy.retries").counter()).isNotNull();
            assertThat(meters.find("dqlite.in.doubt").counter()).isNotNull();
        }
    }

    /** {@code spring.flyway.url} alone names Flyway's own connection: the driver class is found for it too. */
    @Test
    void aFlywayUrlOfItsOwnFindsTheDriver(LocalCluster cluster) {
        String flywayDb = cluster.jdbcUrl("boot_flyway_own");
        try (ConfigurableApplicationContext app = BootApps.run(App.class,
                BootApps.R2DBC + "," + BootApps.JPA + "," + BootApps.LIQUIBASE,
                "spring.datasource.url=" + cluster.jdbcUrl("boot_flyway_app"),
                "spring.flyway.url=" + flywayDb)) {
            JdbcTemplate other = new JdbcTemplate(new io.dqlite4j.jdbc.DqliteDataSource(flywayDb));
            assertThat(other.queryForList("SELECT name FROM sqlite_master WHERE type = 'table'", String.class))
                    .contains("author", "book", "flyway_schema_history");
            assertThat(app.getBean(JdbcTemplate.class).queryForList(
                    "SELECT name FROM sqlite_master WHERE type = 'table'", String.class)).doesNotContain("author");
        }
    }
}
