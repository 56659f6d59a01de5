package io.dqlite4j.it.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link DatabaseMetaData} of the JDBC driver against a real server. Every catalog result is read
 * positionally, as jOOQ's MetaImpl reads it, and its column names are checked against the JDBC 4.3
 * javadoc order.
 */
@DqliteCluster(nodes = 1)
@Timeout(120)
class DatabaseMetaDataIT {

    private static final String[] SCHEMA = {
        "CREATE TABLE author ("
            + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
            + " name VARCHAR(20) NOT NULL,"
            + " born DATETIME,"
            + " active BOOLEAN DEFAULT 1,"
            + " mentor_id INTEGER REFERENCES author (id) ON DELETE SET NULL)",
        "CREATE TABLE book ("
            + " author_id INTEGER NOT NULL,"
            + " seq INTEGER NOT NULL,"
            + " title TEXT,"
            + " price DECIMAL(10,2) DEFAULT 0,"
            + " published DATE,"
            + " CONSTRAINT pk_book PRIMARY KEY (author_id, seq),"
            + " CONSTRAINT fk_book_author FOREIGN KEY (author_id) REFERENCES author (id) ON DELETE CASCADE)",
        // Two unnamed keys to the same parent, and a composite key that names no parent columns.
        "CREATE TABLE review ("
            + " id INTEGER PRIMARY KEY,"
            + " book_author INTEGER,"
            + " book_seq INTEGER,"
            + " stars SMALLINT,"
            + " body BLOB,"
            + " extra,"
            + " reviewer_id INTEGER REFERENCES author,"
            + " editor_id INTEGER REFERENCES author,"
            + " FOREIGN KEY (book_author, book_seq) REFERENCES book ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED)",
        "CREATE UNIQUE INDEX ux_author_name ON author (name)",
        "CREATE INDEX ix_review_book ON review (book_seq DESC, book_author)",
        "CREATE INDEX ix_review_stars ON review (stars) WHERE stars > 3",
        "CREATE INDEX ix_review_expr ON review (stars + 1 DESC, id)",
        "CREATE VIEW author_books AS SELECT a.name AS author, b.title FROM author a JOIN book b ON b.author_id = a.id",
        "INSERT INTO author (name) VALUES ('Ann')",
    };

    @BeforeAll
    static void createSchema(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster); Statement s = c.createStatement()) {
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
        }
    }

    private static Connection connect(LocalCluster cluster) throws SQLException {
        return DriverManager.getConnection(cluster.jdbcUrl("meta"));
    }

    /** The column names of a result, in order. */
    private static List<String> columns(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            names.add(md.getColumnName(i));
        }
        return names;
    }

    /** Each row as the values of the given columns, read positionally with getString, joined by '|'. */
    private static List<String> rows(ResultSet rs, int... columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < columns.length; i++) {
                    row.append(i == 0 ? "" : "|").append(rs.getString(columns[i]));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void identifiesAsSqliteWithTheServersVersionAndThisDriver(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.getConnection()).isSameAs(c);
            assertThat(md.getURL()).isEqualTo(cluster.jdbcUrl("meta"));
            assertThat(md.getDatabaseProductName()).isEqualTo("SQLite");
            String version;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                version = rs.getString(1);
            }
            assertThat(md.getDatabaseProductVersion()).isEqualTo(version);
            assertThat(md.getDatabaseMajorVersion() + "." + md.getDatabaseMinorVersion() + ".").isEqualTo(
                    version.substring(0, version.lastIndexOf('.') + 1));
            assertThat(md.getDriverName()).isEqualTo("dqlite4j");
            assertThat(md.getDriverVersion()).startsWith(md.getDriverMajorVersion() + "." + md.getDriverMinorVersion());
            assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
            assertThat(md.getJDBCMinorVersion()).isEqualTo(3);
            assertThat(md.getUserName()).isEmpty();
            assertThat(md.isWrapperFor(DatabaseMetaData.class)).isTrue();
            assertThat(md.unwrap(DatabaseMetaData.class)).isSameAs(md);
        }
    }

    @Test
    void capabilitiesAreThoseOfDqlite(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            assertThat(md.supportsTransactions()).isTrue();
            assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)).isTrue();
            assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isFalse();
            assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE)).isFalse();
            assertThat(md.supportsSavepoints()).isTrue();
            assertThat(md.supportsBatchUpdates()).isTrue();
            assertThat(md.supportsGetGeneratedKeys()).isTrue();
            assertThat(md.supportsMultipleOpenResults()).isFalse();
            assertThat(md.supportsNamedParameters()).isFalse();
            assertThat(md.supportsStoredProcedures()).isFalse();
            assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
            assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
            assertThat(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)).isTrue();
            assertThat(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE)).isFalse();
            assertThat(md.supportsResultSetHoldability(ResultSet.CLOSE_CURSORS_AT_COMMIT)).isTrue();
            assertThat(md.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT)).isFalse();
            assertThat(md.supportsOuterJoins()).isTrue();
            boolean atLeast339 = md.getDatabaseMajorVersion() > 3
                    || md.getDatabaseMajorVersion() == 3 && md.getDatabaseMinorVersion() >= 39;
            assertThat(md.supportsFullOuterJoins()).isEqualTo(atLeast339);
            assertThat(md.supportsANSI92EntryLevelSQL()).isTrue();
            assertThat(md.isReadOnly()).isFalse();
            assertThat(md.nullsAreSortedLow()).isTrue();
            assertThat(md.nullsAreSortedHigh()).isFalse();
            assertThat(md.usesLocalFiles()).isFalse();
            assertThat(md.dataDefinitionCausesTransactionCommit()).isFalse();
            assertThat(md.supportsDataDefinitionAndDataManipulationTransactions()).isTrue();
            assertThat(md.getMaxColumnsInTable()).isEqualTo(2000);
            assertThat(md.getMaxConnections()).isZero();
            assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
            assertThat(md.supportsMixedCaseIdentifiers()).isFalse();
            assertThat(md.storesMixedCaseIdentifiers()).isTrue();
            assertThat(md.supportsMixedCaseQuotedIdentifiers()).isFalse();
            assertThat(md.storesMixedCaseQuotedIdentifiers()).isTrue();
            assertThat(md.getSearchStringEscape()).isEqualTo("\\");
            assertThat(md.getSQLKeywords()).contains("AUTOINCREMENT", "PRAGMA");
        }
    }

    @Test
    void tablesAndViewsWithoutSqlitesOwnTablesUnlessAsked(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"});
            assertThat(columns(rs)).containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
                    "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
            assertThat(rows(rs, 1, 2, 3, 4, 5)).containsExactly(
                    "null|null|author|TABLE|null",
                    "null|null|book|TABLE|null",
                    "null|null|review|TABLE|null",
                    "null|null|author_books|VIEW|null");

            assertThat(rows(md.getTables(null, null, "%", null), 3, 4)).containsExactly(
                    "sqlite_sequence|SYSTEM TABLE",
                    "author|TABLE", "book|TABLE", "review|TABLE",
                    "author_books|VIEW");
            assertThat(rows(md.getTables(null, null, "%", new String[] {"view"}), 3)).containsExactly("author_books");
            // Patterns: case-insensitive like SQLite, '_' is any character unless escaped.
            assertThat(rows(md.getTables(null, null, "AUTH%", null), 3)).containsExactly("author", "author_books");
            assertThat(rows(md.getTables(null, null, "b__k", null), 3)).containsExactly("book");
            assertThat(rows(md.getTables(null, null, "author\\_%", null), 3)).containsExactly("author_books");
            assertThat(rows(md.getTables(null, null, "nothing%", null), 3)).isEmpty();

            rs = md.getTableTypes();
            assertThat(columns(rs)).containsExactly("TABLE_TYPE");
            assertThat(rows(rs, 1)).containsExactly("SYSTEM TABLE", "TABLE", "VIEW");
        }
    }

    @Test
    void columnsCarryDeclaredTypesSizesDefaultsAndFlags(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getColumns(null, null, "author", "%");
            assertThat(columns(rs)).containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE",
                    "TYPE_NAME", "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE",
                    "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH",
                    "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
                    "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN");
            assertThat(columnRows(rs)).containsExactly(
                    "author|id|INTEGER|INTEGER|null|0|1|null|1|YES|YES|NO",
                    "author|name|VARCHAR|VARCHAR|20|null|0|null|2|NO|NO|NO",
                    "author|born|TIMESTAMP|DATETIME|null|null|1|null|3|YES|NO|NO",
                    "author|active|BOOLEAN|BOOLEAN|null|null|1|1|4|YES|NO|NO",
                    "author|mentor_id|INTEGER|INTEGER|null|0|1|null|5|YES|NO|NO");

            assertThat(columnRows(md.getColumns(null, null, "BOOK", null))).containsExactly(
                    "book|author_id|INTEGER|INTEGER|null|0|0|null|1|NO|NO|NO",
                    "book|seq|INTEGER|INTEGER|null|0|0|null|2|NO|NO|NO",
                    "book|title|VARCHAR|TEXT|null|null|1|null|3|YES|NO|NO",
                    "book|price|DECIMAL|DECIMAL|10|2|1|0|4|YES|NO|NO",
                    "book|published|DATE|DATE|null|null|1|null|5|YES|NO|NO");

            // A column without a declared type holds anything: TYPE_NAME "" and OTHER.
            assertThat(columnRows(md.getColumns(null, null, "review", "%"))).containsExactly(
                    "review|id|INTEGER|INTEGER|null|0|1|null|1|YES|NO|NO",
                    "review|book_author|INTEGER|INTEGER|null|0|1|null|2|YES|NO|NO",
                    "review|book_seq|INTEGER|INTEGER|null|0|1|null|3|YES|NO|NO",
                    "review|stars|SMALLINT|SMALLINT|null|0|1|null|4|YES|NO|NO",
                    "review|body|BLOB|BLOB|null|null|1|null|5|YES|NO|NO",
                    "review|extra|OTHER||null|null|1|null|6|YES|NO|NO",
                    "review|reviewer_id|INTEGER|INTEGER|null|0|1|null|7|YES|NO|NO",
                    "review|editor_id|INTEGER|INTEGER|null|0|1|null|8|YES|NO|NO");

            // View columns take the declared types of what they select; ORDINAL_POSITION ignores the column filter.
            assertThat(columnRows(md.getColumns(null, null, "author_books", null))).containsExactly(
                    "author_books|author|VARCHAR|VARCHAR|20|null|1|null|1|YES|NO|NO",
                    "author_books|title|VARCHAR|TEXT|null|null|1|null|2|YES|NO|NO");
            assertThat(columnRows(md.getColumns(null, null, "book", "P%"))).containsExactly(
                    "book|price|DECIMAL|DECIMAL|10|2|1|0|4|YES|NO|NO",
                    "book|published|DATE|DATE|null|null|1|null|5|YES|NO|NO");

            // All tables at once, ordered by table then position.
            List<String> all = rows(md.getColumns(null, null, null, "id"), 3, 4);
            assertThat(all).containsExactly("author|id", "review|id");
        }
    }

    /** TABLE_NAME, COLUMN_NAME, DATA_TYPE (as a name), TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NULLABLE,
     *  COLUMN_DEF, ORDINAL_POSITION, IS_NULLABLE, IS_AUTOINCREMENT, IS_GENERATEDCOLUMN. */
    private static List<String> columnRows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                rows.add(String.join("|", rs.getString(3), rs.getString(4), JDBCType.valueOf(rs.getInt(5)).getName(),
                        rs.getString(6), rs.getString(7), rs.getString(9), String.valueOf(rs.getInt(11)),
                        rs.getString(13), String.valueOf(rs.getInt(17)), rs.getString(18), rs.getString(23),
                        rs.getString(24)));
            }
        }
        return rows;
    }

    @Test
    void generatedColumnsAreFlagged(LocalCluster cluster) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("meta_generated"))) {
            DatabaseMetaData md = c.getMetaData();
            assumeTrue(md.getDatabaseMajorVersion() > 3 || md.getDatabaseMinorVersion() >= 31,
                    "generated columns need SQLite 3.31");
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS gen (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL,"
                        + " c TEXT AS (a || 'x') STORED)");
            }
            assertThat(columnRows(md.getColumns(null, null, "gen", "%"))).containsExactly(
                    "gen|a|INTEGER|INTEGER|null|0|1|null|1|YES|NO|NO",
                    "gen|b|INTEGER|INTEGER|null|0|1|null|2|YES|NO|YES",
                    "gen|c|VARCHAR|TEXT|null|null|1|null|3|YES|NO|YES");
        }
    }

    @Test
    void primaryKeysInKeyOrderWithDeclaredNames(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getPrimaryKeys(null, null, "book");
            assertThat(columns(rs)).containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ",
                    "PK_NAME");
            assertThat(rows(rs, 1, 2, 3, 4, 5, 6)).containsExactly(
                    "null|null|book|author_id|1|pk_book",
                    "null|null|book|seq|2|pk_book");
            rs = md.getPrimaryKeys(null, null, "Author");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getShort(5)).isEqualTo((short) 1);
            assertThat(rs.getString(4)).isEqualTo("id");
            assertThat(rs.getString(6)).isNull();
            rs.close();
            assertThat(rows(md.getPrimaryKeys(null, null, "author_books"), 4)).isEmpty();
            assertThat(rows(md.getPrimaryKeys(null, null, "no_such_table"), 4)).isEmpty();

            rs = md.getBestRowIdentifier(null, null, "book", DatabaseMetaData.bestRowSession, false);
            assertThat(columns(rs)).containsExactly("SCOPE", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE",
                    "BUFFER_LENGTH", "DECIMAL_DIGITS", "PSEUDO_COLUMN");
            assertThat(rows(rs, 2, 4)).containsExactly("author_id|INTEGER", "seq|INTEGER");
        }
    }

    private static final String[] FK_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
        "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
        "FK_NAME", "PK_NAME", "DEFERRABILITY"};

    private static final int CASCADE = DatabaseMetaData.importedKeyCascade;
    private static final int NO_ACTION = DatabaseMetaData.importedKeyNoAction;
    private static final int SET_NULL = DatabaseMetaData.importedKeySetNull;
    private static final int NOT_DEFERRABLE = DatabaseMetaData.importedKeyNotDeferrable;
    private static final int DEFERRED = DatabaseMetaData.importedKeyInitiallyDeferred;

    @Test
    void importedKeysResolveParentKeysAndKeepUnnamedKeysApart(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getImportedKeys(null, null, "review");
            assertThat(columns(rs)).containsExactly(FK_COLUMNS);
            // Ordered by parent table, then key (declaration order), then KEY_SEQ. Keys naming no parent
            // columns refer to the parent's primary key; unnamed keys get distinct made-up names.
            assertThat(rows(rs, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14)).containsExactly(
                    "null|null|author|id|null|null|review|reviewer_id|1|" + NO_ACTION + "|" + NO_ACTION
                            + "|fk_review_reviewer_id|null|" + NOT_DEFERRABLE,
                    "null|null|author|id|null|null|review|editor_id|1|" + NO_ACTION + "|" + NO_ACTION
                            + "|fk_review_editor_id|null|" + NOT_DEFERRABLE,
                    "null|null|book|author_id|null|null|review|book_author|1|" + CASCADE + "|" + NO_ACTION
                            + "|fk_review_book_author_book_seq|pk_book|" + DEFERRED,
                    "null|null|book|seq|null|null|review|book_seq|2|" + CASCADE + "|" + NO_ACTION
                            + "|fk_review_book_author_book_seq|pk_book|" + DEFERRED);

            assertThat(rows(md.getImportedKeys(null, null, "book"), 3, 4, 7, 8, 9, 10, 11, 12, 13, 14)).containsExactly(
                    "author|id|book|author_id|1|" + NO_ACTION + "|" + CASCADE + "|fk_book_author|null|" + NOT_DEFERRABLE);
            // Self-reference.
            assertThat(rows(md.getImportedKeys(null, null, "author"), 3, 4, 7, 8, 9, 10, 11, 12)).containsExactly(
                    "author|id|author|mentor_id|1|" + NO_ACTION + "|" + SET_NULL + "|fk_author_mentor_id");
            assertThat(rows(md.getImportedKeys(null, null, "author_books"), 3)).isEmpty();
        }
    }

    @Test
    void exportedKeysAndCrossReferences(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getExportedKeys(null, null, "author");
            assertThat(columns(rs)).containsExactly(FK_COLUMNS);
            // Ordered by child table, then key, then KEY_SEQ; the self-reference included.
            assertThat(rows(rs, 3, 4, 7, 8, 9, 12)).containsExactly(
                    "author|id|author|mentor_id|1|fk_author_mentor_id",
                    "author|id|book|author_id|1|fk_book_author",
                    "author|id|review|reviewer_id|1|fk_review_reviewer_id",
                    "author|id|review|editor_id|1|fk_review_editor_id");
            assertThat(rows(md.getExportedKeys(null, null, "BOOK"), 3, 4, 7, 8, 9, 13)).containsExactly(
                    "book|author_id|review|book_author|1|pk_book",
                    "book|seq|review|book_seq|2|pk_book");
            assertThat(rows(md.getExportedKeys(null, null, "review"), 3)).isEmpty();

            rs = md.getCrossReference(null, null, "book", null, null, "review");
            assertThat(columns(rs)).containsExactly(FK_COLUMNS);
            assertThat(rows(rs, 3, 4, 7, 8, 9)).containsExactly(
                    "book|author_id|review|book_author|1",
                    "book|seq|review|book_seq|2");
            assertThat(rows(md.getCrossReference(null, null, "author", null, null, "book"), 8)).containsExactly("author_id");
            assertThat(rows(md.getCrossReference(null, null, "book", null, null, "author"), 8)).isEmpty();
        }
    }

    @Test
    void indexesWithOrderUniquenessAndPartialConditions(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getIndexInfo(null, null, "review", false, true);
            assertThat(columns(rs)).containsExactly("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE",
                    "INDEX_QUALIFIER", "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC",
                    "CARDINALITY", "PAGES", "FILTER_CONDITION");
            String other = String.valueOf(DatabaseMetaData.tableIndexOther);
            // An expression key is reported by its text (jOOQ drops a table's indexes on a null COLUMN_NAME).
            assertThat(rows(rs, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13)).containsExactly(
                    "null|null|review|true|null|ix_review_book|" + other + "|1|book_seq|D|null",
                    "null|null|review|true|null|ix_review_book|" + other + "|2|book_author|A|null",
                    "null|null|review|true|null|ix_review_expr|" + other + "|1|stars + 1|D|null",
                    "null|null|review|true|null|ix_review_expr|" + other + "|2|id|A|null",
                    "null|null|review|true|null|ix_review_stars|" + other + "|1|stars|A|stars > 3");
            assertThat(rows(md.getIndexInfo(null, null, "review", true, true), 6)).isEmpty();

            rs = md.getIndexInfo(null, null, "author", false, false);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(4)).isFalse(); // NON_UNIQUE
            assertThat(rs.getString(6)).isEqualTo("ux_author_name");
            assertThat(rs.getShort(8)).isEqualTo((short) 1);
            assertThat(rs.getString(9)).isEqualTo("name");
            assertThat(rs.next()).isFalse();
            rs.close();

            // The automatic index behind a composite primary key is listed (jOOQ filters sqlite_autoindex_*).
            assertThat(rows(md.getIndexInfo(null, null, "book", true, false), 4, 6, 8, 9)).containsExactly(
                    "false|sqlite_autoindex_book_1|1|author_id",
                    "false|sqlite_autoindex_book_1|2|seq");
        }
    }

    @Test
    void schemasCatalogsAndWhatSqliteLacksAreEmptyWithTheSpecColumns(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            DatabaseMetaData md = c.getMetaData();
            ResultSet rs = md.getSchemas();
            assertThat(columns(rs)).containsExactly("TABLE_SCHEM", "TABLE_CATALOG");
            assertThat(rs.next()).isFalse();
            rs = md.getSchemas(null, "%");
            assertThat(columns(rs)).containsExactly("TABLE_SCHEM", "TABLE_CATALOG");
            assertThat(rs.next()).isFalse();
            rs = md.getCatalogs();
            assertThat(columns(rs)).containsExactly("TABLE_CAT");
            assertThat(rs.next()).isFalse();

            assertEmpty(md.getProcedures(null, null, "%"), 9, "PROCEDURE_CAT", "PROCEDURE_TYPE", "SPECIFIC_NAME");
            assertEmpty(md.getProcedureColumns(null, null, "%", "%"), 20, "PROCEDURE_CAT", "COLUMN_DEF", "SPECIFIC_NAME");
            assertEmpty(md.getFunctions(null, null, "%"), 6, "FUNCTION_CAT", "FUNCTION_TYPE", "SPECIFIC_NAME");
            assertEmpty(md.getFunctionColumns(null, null, "%", "%"), 17, "FUNCTION_CAT", "COLUMN_TYPE", "SPECIFIC_NAME");
            assertEmpty(md.getUDTs(null, null, "%", null), 7, "TYPE_CAT", "CLASS_NAME", "BASE_TYPE");
            assertEmpty(md.getSuperTypes(null, null, "%"), 6, "TYPE_CAT", "SUPERTYPE_CAT", "SUPERTYPE_NAME");
            assertEmpty(md.getSuperTables(null, null, "%"), 4, "TABLE_CAT", "TABLE_NAME", "SUPERTABLE_NAME");
            assertEmpty(md.getAttributes(null, null, "%", "%"), 21, "TYPE_CAT", "ATTR_NAME", "SOURCE_DATA_TYPE");
            assertEmpty(md.getColumnPrivileges(null, null, "author", "%"), 8, "TABLE_CAT", "GRANTOR", "IS_GRANTABLE");
            assertEmpty(md.getTablePrivileges(null, null, "%"), 7, "TABLE_CAT", "GRANTOR", "IS_GRANTABLE");
            assertEmpty(md.getVersionColumns(null, null, "author"), 8, "SCOPE", "COLUMN_NAME", "PSEUDO_COLUMN");
            assertEmpty(md.getPseudoColumns(null, null, "%", "%"), 12, "TABLE_CAT", "COLUMN_USAGE", "IS_NULLABLE");
            assertEmpty(md.getClientInfoProperties(), 4, "NAME", "MAX_LEN", "DESCRIPTION");
        }
    }

    private static void assertEmpty(ResultSet rs, int columns, String first, String some, String last)
            throws SQLException {
        try (rs) {
            List<String> names = columns(rs);
            assertThat(names).hasSize(columns).startsWith(first).contains(some).endsWith(last);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void typeInfoListsTheUsualNamesInDataTypeOrder(LocalCluster cluster) throws SQLException {
        try (Connection c = connect(cluster)) {
            ResultSet rs = c.getMetaData().getTypeInfo();
            assertThat(columns(rs)).containsExactly("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX",
                    "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE",
                    "FIXED_PREC_SCALE", "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE",
                    "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX");
            List<String> names = new ArrayList<>();
            int previous = Integer.MIN_VALUE;
            try (rs) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                    assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(previous);
                    previous = rs.getInt(2);
                    assertThat(rs.getShort(7)).isEqualTo((short) DatabaseMetaData.typeNullable);
                }
            }
            assertThat(names).contains("INTEGER", "REAL", "TEXT", "BLOB", "NUMERIC", "BOOLEAN", "DATETIME");
        }
    }
}
