package io.dqlite4j.spring.boot.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.spring.boot.DqliteR2dbcDialect;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.domain.Persistable;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A Boot application whose only setting is {@code spring.r2dbc.url=r2dbc:dqlite://…}: Spring
 * Data R2DBC finds the dqlite dialect and bind markers, a repository saves and finds, and a
 * {@code TransactionalOperator} rolls back.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class R2dbcStarterIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @SpringBootApplication
    static class App {
    }

    @Table("note")
    record Note(@Id Long id, String body) {
    }

    /** An entity whose key the application assigns: inserted without asking for generated keys. */
    @Table("tag")
    static final class Tag implements Persistable<String> {
        @Id
        final String name;
        final int weight;
        @Transient
        boolean isNew = true;

        Tag(String name, int weight) {
            this.name = name;
            this.weight = weight;
        }

        @Override
        public String getId() {
            return name;
        }

        @Override
        public boolean isNew() {
            return isNew;
        }
    }

    private static String url;

    @BeforeAll
    static void url(LocalCluster cluster) {
        url = cluster.url("boot_r2dbc").replace("dqlite://", "r2dbc:dqlite://");
    }

    private static ConfigurableApplicationContext app() {
        ConfigurableApplicationContext app = BootApps.run(App.class,
                BootApps.JDBC + "," + BootApps.JPA + "," + BootApps.LIQUIBASE + "," + BootApps.FLYWAY,
                "spring.r2dbc.url=" + url);
        DatabaseClient db = app.getBean(DatabaseClient.class);
        db.sql("CREATE TABLE IF NOT EXISTS note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)").then().block(WAIT);
        db.sql("CREATE TABLE IF NOT EXISTS tag (name TEXT PRIMARY KEY, weight INTEGER NOT NULL)").then().block(WAIT);
        return app;
    }

    @Test
    void theDialectAndBindMarkersAreDqlites() {
        try (ConfigurableApplicationContext app = app()) {
            assertThat(app.getBean(R2dbcEntityTemplate.class).getDataAccessStrategy().getDialect())
                    .isSameAs(DqliteR2dbcDialect.INSTANCE);
            DatabaseClient db = app.getBean(DatabaseClient.class);
            // Named parameters are rewritten to the dqlite bind markers ($1, …) and bound by index.
            db.sql("INSERT INTO tag (name, weight) VALUES (:name, :weight)")
                    .bind("name", "raft").bind("weight", 3).then().block(WAIT);
            Long count = db.sql("SELECT count(*) FROM tag WHERE weight >= :w AND name = :n")
                    .bind("w", 2).bind("n", "raft").map(row -> row.get(0, Long.class)).one().block(WAIT);
            assertThat(count).isEqualTo(1L);
        }
    }

    /**
     * Repository {@code save} of new entities, with a generated key and with an assigned one:
     * Spring Data asks the driver for the generated values ({@code Statement.returnGeneratedValues})
     * in both cases, which the R2DBC driver implements from issue 11 on.
     */
    @Test
    void aRepositorySavesNewEntitiesAndFindsThem() {
        try (ConfigurableApplicationContext app = app()) {
            NoteRepository notes = app.getBean(NoteRepository.class);
            Note saved = notes.save(new Note(null, "hello")).block(WAIT);
            assertThat(saved).isNotNull();
            assertThat(saved.id()).isNotNull();
            assertThat(notes.findById(saved.id()).block(WAIT)).isEqualTo(saved);

            TagRepository tags = app.getBean(TagRepository.class);
            tags.save(new Tag("consensus", 5)).block(WAIT);
            Tag found = tags.findById("consensus").block(WAIT);
            assertThat(found).isNotNull();
            assertThat(found.weight).isEqualTo(5);
        }
    }

    @Test
    void aTransactionalOperatorRollsBack() {
        try (ConfigurableApplicationContext app = app()) {
            TransactionalOperator tx = app.getBean(TransactionalOperator.class);
            DatabaseClient db = app.getBean(DatabaseClient.class);
            Mono<Object> failing = db.sql("INSERT INTO tag (name, weight) VALUES ('rolled-back', 1)").then()
                    .then(Mono.error(new IllegalStateException("business rule")));
            assertThatThrownBy(() -> failing.as(tx::transactional).block(WAIT)).hasMessageContaining("business rule");
            assertThat(count(db, "rolled-back")).isZero();

            db.sql("INSERT INTO tag (name, weight) VALUES ('committed', 1)").then().as(tx::transactional).block(WAIT);
            assertThat(count(db, "committed")).isOne();
        }
    }

    private static long count(DatabaseClient db, String name) {
        return db.sql("SELECT count(*) FROM tag WHERE name = :n").bind("n", name)
                .map(row -> row.get(0, Long.class)).one().block(WAIT);
    }
}
