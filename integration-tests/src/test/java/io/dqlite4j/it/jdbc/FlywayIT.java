package io.dqlite4j.it.jdbc;

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
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway (a real migration tool, through its built-in SQLite support, which it picks because the
 * driver's {@code DatabaseMetaData} reports "SQLite") applies a migration set through the driver.
 */
@DqliteCluster(nodes = 3)
@Timeout(180)
class FlywayIT {

    private static final String V1 = """
            -- Items and an index on their name.
            CREATE TABLE items (
                id   INTEGER PRIMARY KEY,
                name TEXT    NOT NULL,
                qty  INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX items_name ON items (name);
            """;

    private static final String V2 = """
            CREATE TABLE audit (
                id      INTEGER PRIMARY KEY,
                item_id INTEGER NOT NULL,
                action  TEXT    NOT NULL
            );
            -- A trigger whose body has several statements between BEGIN and END.
            CREATE TRIGGER items_audit AFTER INSERT ON items
            BEGIN
                INSERT INTO audit (item_id, action) VALUES (NEW.id, 'insert');
                UPDATE items SET qty = qty + 1 WHERE id = NEW.id;
            END;
            """;

    private static final String V3 = """
            CREATE VIEW item_summary AS
                SELECT i.name AS name, i.qty AS qty, count(a.id) AS audits
                FROM items i LEFT JOIN audit a ON a.item_id = i.id
                GROUP BY i.id;
            INSERT INTO items (name, qty) VALUES ('apple', 10);
            INSERT INTO items (name, qty) VALUES ('pear; with a semicolon', 20);
            """;

    private static Flyway flyway(String url, Path migrations) {
        return Flyway.configure()
                .dataSource(new DqliteDataSource(url))
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load();
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void migrateAppliesTheSetOnceAndInfoShowsItApplied(LocalCluster cluster, @TempDir Path migrations)
            throws IOException, SQLException {
        Files.writeString(migrations.resolve("V1__items.sql"), V1, StandardCharsets.UTF_8);
        Files.writeString(migrations.resolve("V2__audit_trigger.sql"), V2, StandardCharsets.UTF_8);
        Files.writeString(migrations.resolve("V3__summary_view_and_data.sql"), V3, StandardCharsets.UTF_8);
        String url = cluster.jdbcUrl("flyway");

        Flyway flyway = flyway(url, migrations);
        MigrateResult first = flyway.migrate();
        assertThat(first.success).isTrue();
        assertThat(first.migrationsExecuted).isEqualTo(3);
        assertThat(first.targetSchemaVersion).isEqualTo("3");
        assertThat(first.databaseType).as("database type Flyway chose").isEqualTo("SQLite");

        // A second run, with a fresh Flyway instance, finds nothing to do.
        MigrateResult second = flyway(url, migrations).migrate();
        assertThat(second.success).isTrue();
        assertThat(second.migrationsExecuted).isZero();

        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).extracting(m -> m.getVersion().getVersion()).containsExactly("1", "2", "3");
        assertThat(applied).allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("3");
        assertThat(Arrays.stream(applied).map(MigrationInfo::getDescription))
                .containsExactly("items", "audit trigger", "summary view and data");

        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(strings(c, "SELECT type || ':' || name FROM sqlite_master"
                    + " WHERE name IN ('items', 'items_name', 'audit', 'items_audit', 'item_summary')"
                    + " ORDER BY name"))
                    .containsExactlyInAnyOrder("table:audit", "table:items", "trigger:items_audit", "index:items_name",
                            "view:item_summary");
            // The trigger ran both statements of its body for each inserted row, exactly once.
            assertThat(strings(c, "SELECT name || '=' || qty || '/' || audits FROM item_summary ORDER BY name"))
                    .containsExactly("apple=11/1", "pear; with a semicolon=21/1");
            assertThat(strings(c, "SELECT count(*) FROM flyway_schema_history WHERE success = 1"))
                    .containsExactly("3");
        }
    }
}
