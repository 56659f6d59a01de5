package io.dqlite4j.examples;

import io.dqlite4j.sql.SqlStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a database up to the app's schema: the migration scripts under {@code db/migration},
 * the very files the build generated the jOOQ classes from, each applied once. Which ones ran is
 * kept in a small {@code schema_history} table (created here, so it is not among the generated
 * classes), which makes a second run against the same cluster ({@code --url}) a no-op.
 */
final class Schema {
    /**
     * The scripts, in order. Listed rather than discovered, because a directory inside a jar
     * cannot be listed portably; the build reads the same directory (see the pom).
     */
    static final List<String> MIGRATIONS = List.of("V1__catalogue.sql", "V2__lending.sql");

    private Schema() {
    }

    /**
     * Applies the scripts not applied yet, each statement in autocommit mode.
     *
     * @return the scripts applied now, with their statement counts, e.g. {@code V1__catalogue.sql (5 statements)}
     */
    static List<String> migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_history (script TEXT PRIMARY KEY, applied_at DATETIME NOT NULL)");
        }
        List<String> applied = new ArrayList<>();
        for (String script : MIGRATIONS) {
            if (alreadyApplied(c, script)) {
                continue;
            }
            List<SqlStatement> statements = SqlStatement.split(read(script));
            try (Statement s = c.createStatement()) {
                for (SqlStatement statement : statements) {
                    s.execute(statement.sql());
                }
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO schema_history (script, applied_at) VALUES (?, ?)")) {
                insert.setString(1, script);
                insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            applied.add(script + " (" + statements.size() + " statements)");
        }
        return applied;
    }

    private static boolean alreadyApplied(Connection c, String script) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM schema_history WHERE script = ?")) {
            q.setString(1, script);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String read(String script) {
        String resource = "/db/migration/" + script;
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
