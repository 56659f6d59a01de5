package io.dqlite4j.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.jdbc.DqliteDataSource;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.CleanResult;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway driven by a {@code jdbc:dqlite:} URL alone (as its CLI and build plugins are): the
 * plugin is found through the ServiceLoader, and clean works with foreign keys enforced.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class DqliteFlywayIT {

    // Name order drops "author" before "book", which references it: Flyway's SQLite clean fails here.
    private static final String V1 = """
            CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE book (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                author_id INTEGER NOT NULL CONSTRAINT fk_book_author REFERENCES author (id),
                title     TEXT NOT NULL
            );
            CREATE TABLE chapter (
                id      INTEGER PRIMARY KEY,
                book_id INTEGER NOT NULL REFERENCES book (id),
                parent  INTEGER REFERENCES chapter (id)
            );
            CREATE VIEW book_titles AS SELECT a.name, b.title FROM author a JOIN book b ON b.author_id = a.id;
            CREATE TRIGGER book_touch AFTER INSERT ON book BEGIN SELECT 1; END;
            """;

    private static final String V2 = """
            INSERT INTO author (id, name) VALUES (1, 'Le Guin');
            INSERT INTO book (author_id, title) VALUES (1, 'The Dispossessed');
            INSERT INTO chapter (id, book_id, parent) VALUES (1, 1, NULL), (2, 1, 1);
            """;

    private static Flyway flyway(String url, Path migrations) {
        return Flyway.configure()
                .dataSource(url, null, null)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .cleanDisabled(false)
                .load();
    }

    private static List<String> strings(String url, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void migrateInfoValidateCleanWithForeignKeysAndMigrateAgainByUrl(LocalCluster cluster, @TempDir Path migrations)
            throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__schema.sql"), V1, StandardCharsets.UTF_8);
        Files.writeString(migrations.resolve("V2__data.sql"), V2, StandardCharsets.UTF_8);
        String url = cluster.jdbcUrl("flyway_by_url");

        Flyway flyway = flyway(url, migrations);
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(2);
        assertThat(first.databaseType).isEqualTo("dqlite");

        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2");
        assertThat(flyway.info().applied()).allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
        ValidateResult valid = flyway.validateWithResult();
        assertThat(valid.validationSuccessful).as("validate: %s", valid.invalidMigrations).isTrue();
        assertThat(strings(url, "PRAGMA foreign_keys")).as("dqlite enforces foreign keys").containsExactly("1");

        CleanResult cleaned = flyway.clean();
        assertThat(cleaned.schemasCleaned).containsExactly("main");
        assertThat(strings(url, "SELECT type || ':' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite!_%' ESCAPE '!'"))
                .as("nothing left after clean").isEmpty();
        assertThat(strings(url, "SELECT count(*) FROM sqlite_sequence")).containsExactly("0");

        MigrateResult again = flyway(url, migrations).migrate();
        assertThat(again.success).isTrue();
        assertThat(again.migrationsExecuted).isEqualTo(2);
        assertThat(strings(url, "SELECT b.id || ':' || b.title FROM book b")).containsExactly("1:The Dispossessed");
    }

    @Test
    void aDataSourceOfTheDriverIsDetectedAsDqlite(LocalCluster cluster, @TempDir Path migrations) throws IOException {
        Files.writeString(migrations.resolve("V1__schema.sql"), V1, StandardCharsets.UTF_8);
        Flyway flyway = Flyway.configure()
                .dataSource(new DqliteDataSource(cluster.jdbcUrl("flyway_by_ds")))
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load();
        MigrateResult result = flyway.migrate();
        assertThat(result.success).isTrue();
        assertThat(result.databaseType).isEqualTo("dqlite");
    }
}
