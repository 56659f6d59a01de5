package io.dqlite4j.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link DatabaseMetaData} for a dqlite database, read from SQLite's own catalog.
 *
 * <p><b>Only standard JDBC on the connection.</b> Every catalog question is answered with
 * {@code prepareStatement(...).executeQuery()} on the {@link Connection} given to the
 * constructor, so this class works over any driver that can run SQL against SQLite. The dqlite
 * server's authorizer refuses several {@code PRAGMA} statements, but the table-valued pragma
 * functions are plain SELECTs and are allowed; this class reads {@code sqlite_master},
 * {@code pragma_table_xinfo} (falling back to {@code pragma_table_info} on servers too old for
 * it), {@code pragma_index_list}, {@code pragma_index_xinfo} (falling back to
 * {@code pragma_index_info}) and {@code pragma_foreign_key_list}. What those do not report (the
 * names of constraints, {@code AUTOINCREMENT}, deferrability, partial-index conditions) is read
 * from the {@code CREATE} statement stored in {@code sqlite_master} by a small tokenizer that
 * knows SQLite's quoting and comment rules; when it cannot tell, the answer is the one the JDBC
 * spec gives for "unknown".
 *
 * <p><b>Catalogs and schemas.</b> The connection sees one database and reports neither catalogs
 * nor schemas ({@link #getSchemas()} is empty and {@code TABLE_CAT}/{@code TABLE_SCHEM} are null),
 * which is how jOOQ's SQLite support models SQLite (one empty-named schema). The catalog and schema
 * arguments of the methods here are therefore ignored. Table and column name patterns are JDBC
 * {@code LIKE} patterns ({@code %}, {@code _}, escape {@code \}) matched case-insensitively for
 * ASCII letters, as SQLite compares identifiers; a {@code null} pattern matches everything. Table
 * name arguments that are not patterns (e.g. of {@link #getPrimaryKeys}) also match
 * case-insensitively, and a {@code null} one means every table.
 *
 * <p><b>Result layout.</b> Every result has exactly the columns the JDBC 4.3 javadoc lists, in
 * that order, because jOOQ's {@code MetaImpl} reads them by position. Results are
 * {@link ListResultSet}s with no statement.
 *
 * <p><b>Capabilities</b> ({@code supports*}) describe dqlite as this driver runs it: always
 * SERIALIZABLE transactions, savepoints, batches, forward-only read-only results, no stored
 * procedures, and SQL features gated on the server's SQLite version where SQLite added them late.
 */
public final class DqliteDatabaseMetaData implements DatabaseMetaData {

    /**
     * What {@link #getDatabaseProductName()} returns. Not "dqlite": Flyway, Liquibase, jOOQ's
     * dialect detection and Hibernate choose their SQL dialect from this name, and the SQL
     * dqlite runs is exactly SQLite's. The driver name says dqlite.
     */
    public static final String PRODUCT_NAME = "SQLite";

    /** What {@link #getDriverName()} returns. */
    public static final String DRIVER_NAME = "dqlite4j";

    private final Connection connection;
    private final String url;
    private final String serverSqliteVersion;
    private final String driverVersion;
    private final int[] sqlite;
    private final int[] driver;

    /** Whether pragma_table_xinfo works on this server: null until the first use tells. */
    private volatile Boolean tableXinfo;
    /** Whether pragma_index_xinfo works on this server: null until the first use tells. */
    private volatile Boolean indexXinfo;

    /**
     * Metadata read through {@code connection}.
     *
     * @param connection the connection to read the catalog with, and to return from {@link #getConnection()}
     * @param url the JDBC URL, returned by {@link #getURL()}
     * @param serverSqliteVersion the server's {@code sqlite_version()}, e.g. {@code "3.40.1"}
     * @param driverVersion this driver's version, e.g. {@code "0.1.0-SNAPSHOT"}
     */
    public DqliteDatabaseMetaData(Connection connection, String url, String serverSqliteVersion, String driverVersion) {
        this.connection = connection;
        this.url = url;
        this.serverSqliteVersion = serverSqliteVersion;
        this.driverVersion = driverVersion;
        this.sqlite = parseVersion(serverSqliteVersion);
        this.driver = parseVersion(driverVersion);
    }

    // =====================================================================================
    // Product, driver, connection
    // =====================================================================================

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public String getURL() {
        return url;
    }

    /** Empty: dqlite has no users. */
    @Override
    public String getUserName() {
        return "";
    }

    /** False: a dqlite database is never read-only as a whole (a connection may be, see {@link Connection#isReadOnly()}). */
    @Override
    public boolean isReadOnly() {
        return false;
    }

    /** {@value #PRODUCT_NAME}; see {@link #PRODUCT_NAME} for why not "dqlite". */
    @Override
    public String getDatabaseProductName() {
        return PRODUCT_NAME;
    }

    /** The server's SQLite version, e.g. {@code 3.40.1}. */
    @Override
    public String getDatabaseProductVersion() {
        return serverSqliteVersion;
    }

    @Override
    public int getDatabaseMajorVersion() {
        return sqlite[0];
    }

    @Override
    public int getDatabaseMinorVersion() {
        return sqlite[1];
    }

    @Override
    public String getDriverName() {
        return DRIVER_NAME;
    }

    @Override
    public String getDriverVersion() {
        return driverVersion;
    }

    @Override
    public int getDriverMajorVersion() {
        return driver[0];
    }

    @Override
    public int getDriverMinorVersion() {
        return driver[1];
    }

    @Override
    public int getJDBCMajorVersion() {
        return 4;
    }

    @Override
    public int getJDBCMinorVersion() {
        return 3;
    }

    @Override
    public int getSQLStateType() {
        return sqlStateSQL;
    }

    // =====================================================================================
    // Identifiers and SQL vocabulary
    // =====================================================================================

    /** False: SQLite treats {@code Foo} and {@code FOO} as the same identifier... */
    @Override
    public boolean supportsMixedCaseIdentifiers() {
        return false;
    }

    /** ...but stores it as written. */
    @Override
    public boolean storesMixedCaseIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseIdentifiers() {
        return false;
    }

    /** False: quoting does not make SQLite identifiers case-sensitive either. */
    @Override
    public boolean supportsMixedCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesMixedCaseQuotedIdentifiers() {
        return true;
    }

    @Override
    public boolean storesUpperCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public boolean storesLowerCaseQuotedIdentifiers() {
        return false;
    }

    @Override
    public String getIdentifierQuoteString() {
        return "\"";
    }

    /** {@code $}: SQLite accepts it in bare identifiers (as it does every non-ASCII character). */
    @Override
    public String getExtraNameCharacters() {
        return "$";
    }

    /** SQLite keywords that are not SQL:2003 keywords. */
    @Override
    public String getSQLKeywords() {
        return "ABORT,ANALYZE,ATTACH,AUTOINCREMENT,CONFLICT,DATABASE,DETACH,DO,EXCLUSIVE,EXPLAIN,FAIL,GLOB,"
                + "IF,IGNORE,INDEX,INDEXED,INSTEAD,ISNULL,KEY,LIMIT,NOTHING,NOTNULL,OFFSET,PLAN,PRAGMA,QUERY,"
                + "RAISE,REGEXP,REINDEX,RENAME,REPLACE,RETURNING,TEMP,VACUUM,VIRTUAL";
    }

    /** SQLite's core numeric functions (the optional math functions depend on how the server was built). */
    @Override
    public String getNumericFunctions() {
        return "ABS,MAX,MIN,RANDOM,ROUND";
    }

    @Override
    public String getStringFunctions() {
        return "CHAR,GLOB,HEX,INSTR,LENGTH,LIKE,LOWER,LTRIM,PRINTF,QUOTE,REPLACE,RTRIM,SUBSTR,TRIM,UNICODE,UPPER";
    }

    @Override
    public String getSystemFunctions() {
        return "CHANGES,COALESCE,IFNULL,LAST_INSERT_ROWID,NULLIF,SQLITE_VERSION,TOTAL_CHANGES,TYPEOF";
    }

    /** SQLite's date and time functions; UNIXEPOCH only from SQLite 3.38, which added it. */
    @Override
    public String getTimeDateFunctions() {
        return "CURRENT_DATE,CURRENT_TIME,CURRENT_TIMESTAMP,DATE,DATETIME,JULIANDAY,STRFTIME,TIME"
                + (sqliteAtLeast(3, 38) ? ",UNIXEPOCH" : "");
    }

    /** The escape character of the name patterns this class accepts. */
    @Override
    public String getSearchStringEscape() {
        return "\\";
    }

    @Override
    public String getSchemaTerm() {
        return "schema";
    }

    @Override
    public String getProcedureTerm() {
        return "procedure";
    }

    @Override
    public String getCatalogTerm() {
        return "catalog";
    }

    @Override
    public boolean isCatalogAtStart() {
        return true;
    }

    @Override
    public String getCatalogSeparator() {
        return ".";
    }

    // =====================================================================================
    // SQL capabilities
    // =====================================================================================

    /** True: there are no procedures, so every one of them is callable. */
    @Override
    public boolean allProceduresAreCallable() {
        return true;
    }

    @Override
    public boolean allTablesAreSelectable() {
        return true;
    }

    /** SQLite sorts NULL before every other value: first ascending, last descending. */
    @Override
    public boolean nullsAreSortedHigh() {
        return false;
    }

    @Override
    public boolean nullsAreSortedLow() {
        return true;
    }

    @Override
    public boolean nullsAreSortedAtStart() {
        return false;
    }

    @Override
    public boolean nullsAreSortedAtEnd() {
        return false;
    }

    /** False: the database lives in the cluster, not in a file the client sees. */
    @Override
    public boolean usesLocalFiles() {
        return false;
    }

    @Override
    public boolean usesLocalFilePerTable() {
        return false;
    }

    @Override
    public boolean supportsAlterTableWithAddColumn() {
        return true;
    }

    /** ALTER TABLE ... DROP COLUMN exists from SQLite 3.35. */
    @Override
    public boolean supportsAlterTableWithDropColumn() {
        return sqliteAtLeast(3, 35);
    }

    @Override
    public boolean supportsColumnAliasing() {
        return true;
    }

    @Override
    public boolean nullPlusNonNullIsNull() {
        return true;
    }

    /** False: SQLite has CAST but not the {@code {fn CONVERT}} escape this refers to. */
    @Override
    public boolean supportsConvert() {
        return false;
    }

    @Override
    public boolean supportsConvert(int fromType, int toType) {
        return false;
    }

    @Override
    public boolean supportsTableCorrelationNames() {
        return true;
    }

    /** False: a correlation name may equal a table name. */
    @Override
    public boolean supportsDifferentTableCorrelationNames() {
        return false;
    }

    @Override
    public boolean supportsExpressionsInOrderBy() {
        return true;
    }

    @Override
    public boolean supportsOrderByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupBy() {
        return true;
    }

    @Override
    public boolean supportsGroupByUnrelated() {
        return true;
    }

    @Override
    public boolean supportsGroupByBeyondSelect() {
        return true;
    }

    @Override
    public boolean supportsLikeEscapeClause() {
        return true;
    }

    /** False: one statement gives at most one result. */
    @Override
    public boolean supportsMultipleResultSets() {
        return false;
    }

    /** True: several connections may each have a transaction open (writers take turns). */
    @Override
    public boolean supportsMultipleTransactions() {
        return true;
    }

    @Override
    public boolean supportsNonNullableColumns() {
        return true;
    }

    @Override
    public boolean supportsMinimumSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsCoreSQLGrammar() {
        return true;
    }

    @Override
    public boolean supportsExtendedSQLGrammar() {
        return false;
    }

    @Override
    public boolean supportsANSI92EntryLevelSQL() {
        return true;
    }

    @Override
    public boolean supportsANSI92IntermediateSQL() {
        return false;
    }

    @Override
    public boolean supportsANSI92FullSQL() {
        return false;
    }

    /** True: PRIMARY KEY, UNIQUE, CHECK, DEFAULT and FOREIGN KEY constraints are all supported. */
    @Override
    public boolean supportsIntegrityEnhancementFacility() {
        return true;
    }

    @Override
    public boolean supportsOuterJoins() {
        return true;
    }

    /** RIGHT and FULL OUTER JOIN exist from SQLite 3.39. */
    @Override
    public boolean supportsFullOuterJoins() {
        return sqliteAtLeast(3, 39);
    }

    @Override
    public boolean supportsLimitedOuterJoins() {
        return true;
    }

    @Override
    public boolean supportsSchemasInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsSchemasInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsSchemasInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsSchemasInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInDataManipulation() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInProcedureCalls() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInTableDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInIndexDefinitions() {
        return false;
    }

    @Override
    public boolean supportsCatalogsInPrivilegeDefinitions() {
        return false;
    }

    @Override
    public boolean supportsPositionedDelete() {
        return false;
    }

    @Override
    public boolean supportsPositionedUpdate() {
        return false;
    }

    @Override
    public boolean supportsSelectForUpdate() {
        return false;
    }

    @Override
    public boolean supportsStoredProcedures() {
        return false;
    }

    @Override
    public boolean supportsStoredFunctionsUsingCallSyntax() {
        return false;
    }

    @Override
    public boolean supportsSubqueriesInComparisons() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInExists() {
        return true;
    }

    @Override
    public boolean supportsSubqueriesInIns() {
        return true;
    }

    /** False: SQLite has no {@code = ANY (...)} / {@code > ALL (...)} comparisons. */
    @Override
    public boolean supportsSubqueriesInQuantifieds() {
        return false;
    }

    @Override
    public boolean supportsCorrelatedSubqueries() {
        return true;
    }

    @Override
    public boolean supportsUnion() {
        return true;
    }

    @Override
    public boolean supportsUnionAll() {
        return true;
    }

    // =====================================================================================
    // Transactions and results
    // =====================================================================================

    @Override
    public int getDefaultTransactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    /** Only SERIALIZABLE: that is what every dqlite transaction is; the connection rejects the other levels. */
    @Override
    public boolean supportsTransactionIsolationLevel(int level) {
        return level == Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean supportsDataDefinitionAndDataManipulationTransactions() {
        return true;
    }

    @Override
    public boolean supportsDataManipulationTransactionsOnly() {
        return false;
    }

    @Override
    public boolean dataDefinitionCausesTransactionCommit() {
        return false;
    }

    @Override
    public boolean dataDefinitionIgnoredInTransactions() {
        return false;
    }

    @Override
    public boolean supportsSavepoints() {
        return true;
    }

    @Override
    public boolean supportsBatchUpdates() {
        return true;
    }

    /** False: these refer to CallableStatement parameters, and there are no procedures. */
    @Override
    public boolean supportsNamedParameters() {
        return false;
    }

    @Override
    public boolean supportsMultipleOpenResults() {
        return false;
    }

    @Override
    public boolean supportsGetGeneratedKeys() {
        return true;
    }

    /**
     * False: the generated key is SQLite's {@code last_insert_rowid()}, which a
     * {@code WITHOUT ROWID} table does not have.
     */
    @Override
    public boolean generatedKeyAlwaysReturned() {
        return false;
    }

    /** Only forward-only results: dqlite streams rows from the server. */
    @Override
    public boolean supportsResultSetType(int type) {
        return type == ResultSet.TYPE_FORWARD_ONLY;
    }

    @Override
    public boolean supportsResultSetConcurrency(int type, int concurrency) {
        return type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY;
    }

    /**
     * Only CLOSE_CURSORS_AT_COMMIT: a streamed result is not promised to outlive the transaction
     * it was read in.
     */
    @Override
    public boolean supportsResultSetHoldability(int holdability) {
        return holdability == ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public int getResultSetHoldability() {
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override
    public boolean supportsOpenCursorsAcrossCommit() {
        return false;
    }

    @Override
    public boolean supportsOpenCursorsAcrossRollback() {
        return false;
    }

    /** True: prepared statements stay usable across COMMIT and ROLLBACK. */
    @Override
    public boolean supportsOpenStatementsAcrossCommit() {
        return true;
    }

    @Override
    public boolean supportsOpenStatementsAcrossRollback() {
        return true;
    }

    @Override
    public boolean ownUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean ownInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersUpdatesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersDeletesAreVisible(int type) {
        return false;
    }

    @Override
    public boolean othersInsertsAreVisible(int type) {
        return false;
    }

    @Override
    public boolean updatesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean deletesAreDetected(int type) {
        return false;
    }

    @Override
    public boolean insertsAreDetected(int type) {
        return false;
    }

    /** True: a blob read is always a copy; there are no LOB locators. */
    @Override
    public boolean locatorsUpdateCopy() {
        return true;
    }

    /** True: the connection keeps the server-side prepared statements of closed PreparedStatements for reuse. */
    @Override
    public boolean supportsStatementPooling() {
        return true;
    }

    @Override
    public RowIdLifetime getRowIdLifetime() {
        return RowIdLifetime.ROWID_UNSUPPORTED;
    }

    @Override
    public boolean autoCommitFailureClosesAllResultSets() {
        return false;
    }

    @Override
    public boolean supportsRefCursors() {
        return false;
    }

    @Override
    public boolean supportsSharding() {
        return false;
    }

    // =====================================================================================
    // Limits: 0 means "unknown or no fixed limit"; SQLite's limits are compile-time options of
    // the server, so only the ones that are the same in every build are given.
    // =====================================================================================

    @Override
    public int getMaxBinaryLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxCharLiteralLength() {
        return 0;
    }

    @Override
    public int getMaxColumnNameLength() {
        return 0;
    }

    /** SQLITE_MAX_COLUMN's default: 2000 also bounds GROUP BY, ORDER BY, index and select lists. */
    @Override
    public int getMaxColumnsInGroupBy() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInIndex() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInOrderBy() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInSelect() {
        return 2000;
    }

    @Override
    public int getMaxColumnsInTable() {
        return 2000;
    }

    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public int getMaxCursorNameLength() {
        return 0;
    }

    @Override
    public int getMaxIndexLength() {
        return 0;
    }

    @Override
    public int getMaxSchemaNameLength() {
        return 0;
    }

    @Override
    public int getMaxProcedureNameLength() {
        return 0;
    }

    @Override
    public int getMaxCatalogNameLength() {
        return 0;
    }

    @Override
    public int getMaxRowSize() {
        return 0;
    }

    @Override
    public boolean doesMaxRowSizeIncludeBlobs() {
        return true;
    }

    @Override
    public int getMaxStatementLength() {
        return 0;
    }

    @Override
    public int getMaxStatements() {
        return 0;
    }

    @Override
    public int getMaxTableNameLength() {
        return 0;
    }

    /** 64: SQLite's fixed limit on the tables in one join. */
    @Override
    public int getMaxTablesInSelect() {
        return 64;
    }

    @Override
    public int getMaxUserNameLength() {
        return 0;
    }

    @Override
    public long getMaxLogicalLobSize() {
        return 0;
    }

    // =====================================================================================
    // Catalog: tables and columns
    // =====================================================================================

    /**
     * Tables and views. Type names are {@code TABLE}, {@code VIEW} and {@code SYSTEM TABLE} (the
     * {@code sqlite_*} tables SQLite maintains itself, such as {@code sqlite_sequence} and
     * {@code sqlite_stat1}); a {@code null} types array means all three, as JDBC defines it.
     * Ordered by TABLE_TYPE, then TABLE_NAME.
     */
    @Override
    public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
            throws SQLException {
        Pattern name = likePattern(tableNamePattern);
        List<Object[]> rows = new ArrayList<>();
        for (Table t : tables()) {
            String type = t.jdbcType();
            if (matches(name, t.name) && typeWanted(types, type)) {
                rows.add(new Object[] {null, null, t.name, type, null, null, null, null, null, null});
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[2]));
        return TABLES.result(rows);
    }

    private static boolean typeWanted(String[] types, String type) {
        if (types == null) {
            return true;
        }
        for (String t : types) {
            if (type.equalsIgnoreCase(t)) {
                return true;
            }
        }
        return false;
    }

    /** {@code SYSTEM TABLE}, {@code TABLE}, {@code VIEW}: what {@link #getTables} reports. */
    @Override
    public ResultSet getTableTypes() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {Table.SYSTEM_TABLE});
        rows.add(new Object[] {Table.TABLE});
        rows.add(new Object[] {Table.VIEW});
        return TABLE_TYPES.result(rows);
    }

    /**
     * Columns of tables and views, ordered by TABLE_NAME, then ORDINAL_POSITION.
     *
     * <p>TYPE_NAME is the declared type, upper-cased, without its arguments ({@code VARCHAR(20)}
     * gives {@code VARCHAR} with COLUMN_SIZE 20; {@code DECIMAL(10,2)} gives {@code DECIMAL}, 10,
     * DECIMAL_DIGITS 2). A column declared without a type has TYPE_NAME {@code ""} and DATA_TYPE
     * {@link Types#OTHER}: it stores any value as given (SQLite's "BLOB" affinity), so calling it
     * BLOB would wrongly tell tools to read bytes. DATA_TYPE otherwise follows the declared name
     * where it is a well-known one (BOOLEAN, DATE, TIME, DATETIME/TIMESTAMP, TINYINT, SMALLINT,
     * BIGINT, DECIMAL, NUMERIC) and SQLite's affinity rules for the rest: a name containing
     * {@code INT} is INTEGER, {@code CHAR}/{@code CLOB}/{@code TEXT} VARCHAR, {@code BLOB} BLOB,
     * {@code REAL}/{@code FLOA}/{@code DOUB} DOUBLE, anything else NUMERIC. SQLite stores every
     * integer in 64 bits whatever the declared name, so read INTEGER columns with getLong when
     * values may be large.
     *
     * <p>NULLABLE is SQLite's NOT NULL flag as declared (an INTEGER PRIMARY KEY of a rowid table
     * never holds NULL, but is reported as declared). IS_AUTOINCREMENT is YES for the column
     * declared {@code AUTOINCREMENT}; IS_GENERATEDCOLUMN is YES for {@code GENERATED ALWAYS AS}
     * columns. Hidden columns of virtual tables are not listed. A view whose definition no longer
     * compiles (it names a dropped table) has no columns rather than failing the whole call.
     */
    @Override
    public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
            throws SQLException {
        Pattern tablePattern = likePattern(tableNamePattern);
        Pattern columnPattern = likePattern(columnNamePattern);
        List<Object[]> rows = new ArrayList<>();
        for (Table t : tables()) {
            if (!matches(tablePattern, t.name)) {
                continue;
            }
            List<Column> columns;
            try {
                columns = columns(t.name);
            } catch (SQLException e) {
                if (t.isView()) {
                    continue;
                }
                throw e;
            }
            TableDdl ddl = t.isView() ? TableDdl.NONE : TableDdl.parse(t.sql);
            int position = 0;
            for (Column c : columns) {
                if (c.hidden == 1) {
                    continue;
                }
                position++;
                if (!matches(columnPattern, c.name)) {
                    continue;
                }
                DeclaredType type = DeclaredType.parse(c.declaredType);
                boolean autoincrement = ddl.autoincrementColumn != null
                        && equalsIgnoreCaseAscii(ddl.autoincrementColumn, c.name);
                boolean generated = c.hidden == 2 || c.hidden == 3;
                rows.add(new Object[] {
                    null,                                        // TABLE_CAT
                    null,                                        // TABLE_SCHEM
                    t.name,                                      // TABLE_NAME
                    c.name,                                      // COLUMN_NAME
                    type.jdbcType,                               // DATA_TYPE
                    type.name,                                   // TYPE_NAME
                    type.size,                                   // COLUMN_SIZE
                    null,                                        // BUFFER_LENGTH (unused)
                    type.decimalDigits,                          // DECIMAL_DIGITS
                    type.radix,                                  // NUM_PREC_RADIX
                    c.notNull ? columnNoNulls : columnNullable,  // NULLABLE
                    null,                                        // REMARKS
                    c.defaultValue,                              // COLUMN_DEF
                    null,                                        // SQL_DATA_TYPE (unused)
                    null,                                        // SQL_DATETIME_SUB (unused)
                    null,                                        // CHAR_OCTET_LENGTH
                    position,                                    // ORDINAL_POSITION
                    c.notNull ? "NO" : "YES",                    // IS_NULLABLE
                    null,                                        // SCOPE_CATALOG
                    null,                                        // SCOPE_SCHEMA
                    null,                                        // SCOPE_TABLE
                    null,                                        // SOURCE_DATA_TYPE
                    autoincrement ? "YES" : "NO",                // IS_AUTOINCREMENT
                    generated ? "YES" : "NO",                    // IS_GENERATEDCOLUMN
                });
            }
        }
        return COLUMNS.result(rows);
    }

    /**
     * The primary key of a table (or of every table when {@code table} is null), one row per
     * column, in key order (KEY_SEQ): that is the order consumers need, and the JDBC-spec order
     * by COLUMN_NAME would scramble composite keys for readers that do not sort. PK_NAME is the
     * name given with {@code CONSTRAINT name PRIMARY KEY}, else null (SQLite names no key itself).
     */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : targets(tables(), table)) {
            if (t.isView()) {
                continue;
            }
            String pkName = TableDdl.parse(t.sql).primaryKeyName;
            List<Column> pk = primaryKey(columns(t.name));
            for (Column c : pk) {
                rows.add(new Object[] {null, null, t.name, c.name, (short) c.pk, pkName});
            }
        }
        return PRIMARY_KEYS.result(rows);
    }

    /**
     * The primary key as best row identifier; empty for a table without one. Scope is
     * {@link #bestRowSession}: a key value identifies its row until changed. With
     * {@code nullable == false}, a key that may hold NULL (SQLite lets NULL into primary key
     * columns of rowid tables unless declared NOT NULL, except an INTEGER PRIMARY KEY) is not
     * offered.
     */
    @Override
    public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Table t = find(tables(), table);
        if (t != null && !t.isView()) {
            List<Column> pk = primaryKey(columns(t.name));
            boolean rowidAlias = pk.size() == 1 && "INTEGER".equalsIgnoreCase(pk.get(0).declaredType.trim())
                    && !TableDdl.parse(t.sql).withoutRowid;
            boolean mayBeNull = false;
            for (Column c : pk) {
                mayBeNull |= !c.notNull && !rowidAlias;
            }
            if (nullable || !mayBeNull) {
                for (Column c : pk) {
                    DeclaredType type = DeclaredType.parse(c.declaredType);
                    rows.add(new Object[] {(short) bestRowSession, c.name, type.jdbcType, type.name, type.size, null,
                        type.decimalDigits == null ? null : (short) (int) type.decimalDigits, (short) bestRowNotPseudo});
                }
            }
        }
        return BEST_ROW.result(rows);
    }

    // =====================================================================================
    // Catalog: foreign keys
    // =====================================================================================

    /**
     * Foreign keys of {@code table} (of every table when null), ordered by PKTABLE_NAME, then
     * key, then KEY_SEQ. See {@link #getCrossReference} for how the columns are filled.
     */
    @Override
    public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
        List<Table> all = tables();
        List<ForeignKey> fks = foreignKeys(all, targets(all, table));
        fks.sort(Comparator.comparing((ForeignKey fk) -> fk.parentName.toLowerCase(Locale.ROOT))
                .thenComparing(fk -> fk.child.toLowerCase(Locale.ROOT))
                .thenComparingInt(fk -> fk.declarationIndex));
        return FOREIGN_KEYS.result(foreignKeyRows(fks));
    }

    /**
     * Foreign keys that reference {@code table} (every foreign key when null), self-references
     * included, ordered by FKTABLE_NAME, then key, then KEY_SEQ.
     */
    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return crossReference(table, null);
    }

    /**
     * Foreign keys of {@code foreignTable} that reference {@code parentTable} (either may be null
     * for "any"), ordered by FKTABLE_NAME, then key, then KEY_SEQ.
     *
     * <p>A key declared without referenced columns refers to the parent's primary key; its
     * PKCOLUMN_NAMEs are resolved from it (null when the parent has no primary key or does not
     * exist, as SQLite allows). PKTABLE_NAME is the parent's name as stored when the parent
     * exists, else as written in the key. UPDATE_RULE and DELETE_RULE map SQLite's actions;
     * DEFERRABILITY comes from the declaration ({@code DEFERRABLE INITIALLY DEFERRED} →
     * initially deferred, other {@code DEFERRABLE} forms → initially immediate, else not
     * deferrable).
     *
     * <p>FK_NAME is the name given with {@code CONSTRAINT name}. SQLite stores no name for an
     * unnamed key, and reporting null would make tools that group key columns by FK_NAME (jOOQ's
     * {@code MetaImpl} does) merge two unnamed keys from one table to the same parent (say
     * {@code created_by} and {@code updated_by} both referencing {@code user}) into one bogus
     * composite key. So an unnamed key gets a stable made-up name,
     * {@code fk_<table>_<column>[_<column>...]} (with {@code _<n>} appended when two keys of a
     * table would share it). PK_NAME is the parent's {@code CONSTRAINT name PRIMARY KEY} when the
     * key references the parent's primary key, else null.
     */
    @Override
    public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
            String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
        return crossReference(parentTable, foreignTable);
    }

    private ResultSet crossReference(String parentTable, String foreignTable) throws SQLException {
        List<Table> all = tables();
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : foreignKeys(all, targets(all, foreignTable))) {
            if (parentTable == null || equalsIgnoreCaseAscii(fk.parentName, parentTable)) {
                fks.add(fk);
            }
        }
        fks.sort(Comparator.comparing((ForeignKey fk) -> fk.child.toLowerCase(Locale.ROOT))
                .thenComparingInt(fk -> fk.declarationIndex)
                .thenComparing(fk -> fk.parentName.toLowerCase(Locale.ROOT)));
        return FOREIGN_KEYS.result(foreignKeyRows(fks));
    }

    private List<Object[]> foreignKeyRows(List<ForeignKey> fks) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignKey fk : fks) {
            for (int i = 0; i < fk.from.size(); i++) {
                rows.add(new Object[] {
                    null,                        // PKTABLE_CAT
                    null,                        // PKTABLE_SCHEM
                    fk.parentName,               // PKTABLE_NAME
                    fk.to.get(i),                // PKCOLUMN_NAME
                    null,                        // FKTABLE_CAT
                    null,                        // FKTABLE_SCHEM
                    fk.child,                    // FKTABLE_NAME
                    fk.from.get(i),              // FKCOLUMN_NAME
                    (short) (i + 1),             // KEY_SEQ
                    rule(fk.onUpdate),           // UPDATE_RULE
                    rule(fk.onDelete),           // DELETE_RULE
                    fk.name,                     // FK_NAME
                    fk.parentKeyName,            // PK_NAME
                    fk.deferrability,            // DEFERRABILITY
                });
            }
        }
        return rows;
    }

    private static Short rule(String action) {
        switch (action == null ? "" : action.toUpperCase(Locale.ROOT)) {
            case "CASCADE":
                return (short) importedKeyCascade;
            case "RESTRICT":
                return (short) importedKeyRestrict;
            case "SET NULL":
                return (short) importedKeySetNull;
            case "SET DEFAULT":
                return (short) importedKeySetDefault;
            default:
                return (short) importedKeyNoAction;
        }
    }

    /**
     * The foreign keys declared by {@code children}, with parent names, parent columns, names and
     * deferrability resolved. One round trip for one child; one for many (a join over
     * sqlite_master), plus one per parent whose primary key must be looked up.
     */
    private List<ForeignKey> foreignKeys(List<Table> all, List<Table> children) throws SQLException {
        List<FkRow> raw = new ArrayList<>();
        if (children.size() == 1) {
            Table child = children.get(0);
            if (!child.isView()) {
                raw.addAll(query("SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete "
                        + "FROM pragma_foreign_key_list(?) ORDER BY id, seq",
                        rs -> new FkRow(child.name, rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7)),
                        child.name));
            }
        } else if (!children.isEmpty()) {
            Map<String, Table> wanted = new HashMap<>();
            for (Table t : children) {
                wanted.put(t.name, t);
            }
            for (FkRow r : query("SELECT m.name, f.id, f.seq, f.\"table\", f.\"from\", f.\"to\", f.on_update, "
                    + "f.on_delete FROM sqlite_master AS m JOIN pragma_foreign_key_list(m.name) AS f "
                    + "WHERE m.type = 'table' ORDER BY m.name, f.id, f.seq",
                    rs -> new FkRow(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8)))) {
                if (wanted.containsKey(r.child)) {
                    raw.add(r);
                }
            }
        }

        // Group the rows of each key (same child, same id), in id order.
        List<ForeignKey> keys = new ArrayList<>();
        ForeignKey current = null;
        for (FkRow r : raw) {
            if (current == null || !current.child.equals(r.child) || current.id != r.id) {
                current = new ForeignKey(r.child, r.id, r.parent, r.onUpdate, r.onDelete);
                keys.add(current);
            }
            current.from.add(r.from);
            current.to.add(r.to);
        }

        Map<String, List<ForeignKey>> byChild = new HashMap<>();
        for (ForeignKey fk : keys) {
            byChild.computeIfAbsent(fk.child, k -> new ArrayList<>()).add(fk);
        }
        Map<String, List<String>> parentKeys = new HashMap<>();
        for (Map.Entry<String, List<ForeignKey>> e : byChild.entrySet()) {
            Table child = find(all, e.getKey());
            TableDdl ddl = TableDdl.parse(child == null ? null : child.sql);
            nameForeignKeys(e.getKey(), e.getValue(), ddl);
        }
        for (ForeignKey fk : keys) {
            Table parent = find(all, fk.parentAsWritten);
            fk.parentName = parent == null ? fk.parentAsWritten : parent.name;
            if (parent == null || parent.isView()) {
                continue;
            }
            String parentPkName = TableDdl.parse(parent.sql).primaryKeyName;
            boolean needsParentKey = fk.to.contains(null) || parentPkName != null;
            if (!needsParentKey) {
                continue;
            }
            List<String> pk = parentKeys.get(parent.name);
            if (pk == null) {
                pk = new ArrayList<>();
                for (Column c : primaryKey(columns(parent.name))) {
                    pk.add(c.name);
                }
                parentKeys.put(parent.name, pk);
            }
            for (int i = 0; i < fk.to.size(); i++) {
                if (fk.to.get(i) == null && i < pk.size()) {
                    fk.to.set(i, pk.get(i));
                }
            }
            if (parentPkName != null && sameColumns(fk.to, pk)) {
                fk.parentKeyName = parentPkName;
            }
        }
        return keys;
    }

    /**
     * Gives each key of one child its declared name and deferrability, and a made-up name when
     * it has none. SQLite numbers a table's keys in reverse order of declaration (id 0 is the
     * last one declared); the declaration is trusted only when its columns agree with the PRAGMA.
     */
    private static void nameForeignKeys(String child, List<ForeignKey> keys, TableDdl ddl) {
        int n = keys.size();
        List<ForeignKeyDecl> decls = ddl.foreignKeys;
        for (ForeignKey fk : keys) {
            fk.declarationIndex = n - 1 - fk.id;
            ForeignKeyDecl decl = null;
            if (decls.size() == n) {
                ForeignKeyDecl candidate = decls.get(fk.declarationIndex);
                if (candidate.matches(fk)) {
                    decl = candidate;
                }
            }
            if (decl == null) {
                for (ForeignKeyDecl d : decls) {
                    if (d.matches(fk)) {
                        decl = d;
                        break;
                    }
                }
            }
            if (decl != null) {
                fk.name = decl.name;
                fk.deferrability = decl.deferrability;
            }
        }
        keys.sort(Comparator.comparingInt(fk -> fk.declarationIndex));
        Map<String, Integer> used = new HashMap<>();
        for (ForeignKey fk : keys) {
            if (fk.name != null) {
                used.merge(fk.name.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        for (ForeignKey fk : keys) {
            if (fk.name == null) {
                StringBuilder name = new StringBuilder("fk_").append(child);
                for (String column : fk.from) {
                    name.append('_').append(column);
                }
                String base = name.toString();
                String candidate = base;
                for (int i = 2; used.containsKey(candidate.toLowerCase(Locale.ROOT)); i++) {
                    candidate = base + "_" + i;
                }
                used.put(candidate.toLowerCase(Locale.ROOT), 1);
                fk.name = candidate;
            }
        }
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        outer:
        for (String x : a) {
            for (String y : b) {
                if (x != null && equalsIgnoreCaseAscii(x, y)) {
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    // =====================================================================================
    // Catalog: indexes
    // =====================================================================================

    /**
     * The indexes of {@code table} (of every table when null): one row per key column, ordered by
     * NON_UNIQUE, INDEX_NAME, ORDINAL_POSITION. Includes the automatic indexes SQLite creates for
     * UNIQUE and non-INTEGER PRIMARY KEY constraints ({@code sqlite_autoindex_*}); an INTEGER
     * PRIMARY KEY is the rowid itself, not an index, and is not listed. For a key that is an
     * expression rather than a column, COLUMN_NAME is the expression's text as written in the
     * CREATE INDEX (as PostgreSQL's driver does): jOOQ builds index fields from COLUMN_NAME and
     * drops every index of the table when it meets a null there. ASC_OR_DESC is {@code A} or {@code D} (null on servers without
     * pragma_index_xinfo, which cannot tell); FILTER_CONDITION is the WHERE clause of a partial
     * index. CARDINALITY and PAGES are null: SQLite keeps no such statistics unless ANALYZE ran,
     * and {@code approximate} is accordingly ignored.
     */
    @Override
    public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : targets(tables(), table)) {
            if (t.isView()) {
                continue;
            }
            Map<String, IndexDdl> ddls = new HashMap<>();
            for (IndexColumn ic : indexColumns(t.name)) {
                if (unique && !ic.unique) {
                    continue;
                }
                IndexDdl ddl = IndexDdl.NONE;
                if (ic.partial || ic.column == null) {
                    ddl = ddls.get(ic.index);
                    if (ddl == null) {
                        List<String> sql = query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                rs -> rs.getString(1), ic.index);
                        ddl = IndexDdl.parse(sql.isEmpty() ? null : sql.get(0));
                        ddls.put(ic.index, ddl);
                    }
                }
                String column = ic.column != null ? ic.column : ddl.keyText(ic.seqno);
                rows.add(new Object[] {
                    null,                                           // TABLE_CAT
                    null,                                           // TABLE_SCHEM
                    t.name,                                         // TABLE_NAME
                    !ic.unique,                                     // NON_UNIQUE
                    null,                                           // INDEX_QUALIFIER
                    ic.index,                                       // INDEX_NAME
                    tableIndexOther,                                // TYPE (a short)
                    (short) (ic.seqno + 1),                         // ORDINAL_POSITION
                    column,                                         // COLUMN_NAME
                    ic.descending == null ? null : ic.descending ? "D" : "A", // ASC_OR_DESC
                    null,                                           // CARDINALITY
                    null,                                           // PAGES
                    ic.partial ? ddl.where : null,                  // FILTER_CONDITION
                });
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3])
                .thenComparing(r -> (String) r[5])
                .thenComparing(r -> (Short) r[7]));
        return INDEX_INFO.result(rows);
    }

    private List<IndexColumn> indexColumns(String table) throws SQLException {
        String xinfo = "SELECT il.name, il.\"unique\", il.partial, ii.seqno, ii.name, ii.\"desc\" "
                + "FROM pragma_index_list(?) AS il JOIN pragma_index_xinfo(il.name) AS ii "
                + "WHERE ii.key = 1 ORDER BY il.name, ii.seqno";
        String info = "SELECT il.name, il.\"unique\", il.partial, ii.seqno, ii.name "
                + "FROM pragma_index_list(?) AS il JOIN pragma_index_info(il.name) AS ii ORDER BY il.name, ii.seqno";
        if (!Boolean.FALSE.equals(indexXinfo)) {
            try {
                List<IndexColumn> result = query(xinfo, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0,
                        rs.getInt(3) != 0, rs.getInt(4), rs.getString(5), rs.getInt(6) != 0), table);
                indexXinfo = true;
                return result;
            } catch (SQLException e) {
                if (Boolean.TRUE.equals(indexXinfo)) {
                    throw e;
                }
                List<IndexColumn> result;
                try {
                    result = query(info, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0,
                            rs.getInt(3) != 0, rs.getInt(4), rs.getString(5), null), table);
                } catch (SQLException e2) {
                    e.addSuppressed(e2);
                    throw e;
                }
                indexXinfo = false;
                return result;
            }
        }
        return query(info, rs -> new IndexColumn(rs.getString(1), rs.getInt(2) != 0, rs.getInt(3) != 0,
                rs.getInt(4), rs.getString(5), null), table);
    }

    // =====================================================================================
    // Catalog: what SQLite does not have
    // =====================================================================================

    /** Empty: SQLite has no schemas here (see the class comment). */
    @Override
    public ResultSet getSchemas() {
        return SCHEMAS.empty();
    }

    /** Empty: SQLite has no schemas here (see the class comment). */
    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) {
        return SCHEMAS.empty();
    }

    /** Empty: SQLite has no catalogs. */
    @Override
    public ResultSet getCatalogs() {
        return CATALOGS.empty();
    }

    /** Empty: SQLite has no stored procedures. */
    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
        return PROCEDURES.empty();
    }

    /** Empty: SQLite has no stored procedures. */
    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
            String columnNamePattern) {
        return PROCEDURE_COLUMNS.empty();
    }

    /** Empty: SQLite's functions are built in or registered by the server, not catalogued. */
    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
        return FUNCTIONS.empty();
    }

    /** Empty, as {@link #getFunctions}. */
    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
            String columnNamePattern) {
        return FUNCTION_COLUMNS.empty();
    }

    /** Empty: SQLite has no privileges. */
    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
        return COLUMN_PRIVILEGES.empty();
    }

    /** Empty: SQLite has no privileges. */
    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
        return TABLE_PRIVILEGES.empty();
    }

    /** Empty: SQLite updates no column automatically on every row change. */
    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) {
        return VERSION_COLUMNS.empty();
    }

    /** Empty: the rowid is a pseudo column, but not one that is reliably there (WITHOUT ROWID, shadowing columns). */
    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
            String columnNamePattern) {
        return PSEUDO_COLUMNS.empty();
    }

    /** Empty: SQLite has no user-defined types. */
    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
        return UDTS.empty();
    }

    /** Empty: SQLite has no type hierarchies. */
    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
        return SUPER_TYPES.empty();
    }

    /** Empty: SQLite has no table hierarchies. */
    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
        return SUPER_TABLES.empty();
    }

    /** Empty: SQLite has no user-defined types. */
    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
            String attributeNamePattern) {
        return ATTRIBUTES.empty();
    }

    /** Empty: the driver keeps no client info properties. */
    @Override
    public ResultSet getClientInfoProperties() {
        return CLIENT_INFO.empty();
    }

    /**
     * The type names a schema is usually written with, ordered by DATA_TYPE. SQLite accepts any
     * name; these are the ones whose meaning {@link #getColumns} knows. Storage is dynamic, so
     * PRECISION is the largest value the storage class holds (19 digits of a 64-bit integer, 15 of a
     * double) or 0 where SQLite sets no limit.
     */
    @Override
    public ResultSet getTypeInfo() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(typeInfo("BIGINT", Types.BIGINT, 19, null, null, false, true));
        rows.add(typeInfo("NUMERIC", Types.NUMERIC, 0, null, "precision,scale", false, false));
        rows.add(typeInfo("DECIMAL", Types.DECIMAL, 0, null, "precision,scale", false, false));
        rows.add(typeInfo("INTEGER", Types.INTEGER, 19, null, null, false, true));
        rows.add(typeInfo("REAL", Types.DOUBLE, 15, null, null, false, false));
        rows.add(typeInfo("TEXT", Types.VARCHAR, 0, "'", null, true, false));
        rows.add(typeInfo("VARCHAR", Types.VARCHAR, 0, "'", "length", true, false));
        rows.add(typeInfo("BOOLEAN", Types.BOOLEAN, 1, null, null, false, false));
        rows.add(typeInfo("DATE", Types.DATE, 10, "'", null, false, false));
        rows.add(typeInfo("DATETIME", Types.TIMESTAMP, 0, "'", null, false, false));
        rows.add(typeInfo("TIMESTAMP", Types.TIMESTAMP, 0, "'", null, false, false));
        rows.add(typeInfo("BLOB", Types.BLOB, 0, "X'", null, false, false));
        return TYPE_INFO.result(rows);
    }

    private static Object[] typeInfo(String name, int type, int precision, String quote, String createParams,
            boolean caseSensitive, boolean autoIncrement) {
        boolean numeric = type == Types.BIGINT || type == Types.INTEGER || type == Types.NUMERIC
                || type == Types.DECIMAL || type == Types.DOUBLE;
        return new Object[] {
            name,                                           // TYPE_NAME
            type,                                           // DATA_TYPE
            precision,                                      // PRECISION
            quote,                                          // LITERAL_PREFIX
            quote == null ? null : "'",                     // LITERAL_SUFFIX
            createParams,                                   // CREATE_PARAMS
            (short) typeNullable,                           // NULLABLE
            caseSensitive,                                  // CASE_SENSITIVE
            (short) typeSearchable,                         // SEARCHABLE
            false,                                          // UNSIGNED_ATTRIBUTE: SQLite numbers are signed
            false,                                          // FIXED_PREC_SCALE
            autoIncrement,                                  // AUTO_INCREMENT (INTEGER PRIMARY KEY)
            null,                                           // LOCAL_TYPE_NAME
            (short) 0,                                      // MINIMUM_SCALE
            (short) 0,                                      // MAXIMUM_SCALE
            null,                                           // SQL_DATA_TYPE (unused)
            null,                                           // SQL_DATETIME_SUB (unused)
            numeric ? 10 : null,                            // NUM_PREC_RADIX
        };
    }

    // =====================================================================================
    // Wrapper
    // =====================================================================================

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }

    // =====================================================================================
    // Reading the catalog
    // =====================================================================================

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowReader<T> reader, String... args) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(reader.read(rs));
                }
                return out;
            }
        }
    }

    /** Every table and view, ordered by name. */
    private List<Table> tables() throws SQLException {
        return query("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name",
                rs -> new Table(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /** The table named {@code name} (compared as SQLite compares identifiers), or null. */
    private static Table find(List<Table> tables, String name) {
        if (name == null) {
            return null;
        }
        for (Table t : tables) {
            if (equalsIgnoreCaseAscii(t.name, name)) {
                return t;
            }
        }
        return null;
    }

    /** All tables and views for a null name, else the one named, else none. */
    private static List<Table> targets(List<Table> tables, String name) {
        if (name == null) {
            return tables;
        }
        Table t = find(tables, name);
        return t == null ? List.of() : List.of(t);
    }

    /** The columns of a table or view, from pragma_table_xinfo where the server has it. */
    private List<Column> columns(String table) throws SQLException {
        String xinfo = "SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?) ORDER BY cid";
        String info = "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid";
        if (!Boolean.FALSE.equals(tableXinfo)) {
            try {
                List<Column> result = query(xinfo, rs -> new Column(rs.getString(2), rs.getString(3),
                        rs.getInt(4) != 0, rs.getString(5), rs.getInt(6), rs.getInt(7)), table);
                tableXinfo = true;
                return result;
            } catch (SQLException e) {
                if (Boolean.TRUE.equals(tableXinfo)) {
                    throw e;
                }
                // Either the server predates pragma_table_xinfo (SQLite < 3.26) or this table
                // cannot be described at all; pragma_table_info tells which.
                List<Column> result;
                try {
                    result = query(info, rs -> new Column(rs.getString(2), rs.getString(3), rs.getInt(4) != 0,
                            rs.getString(5), rs.getInt(6), 0), table);
                } catch (SQLException e2) {
                    e.addSuppressed(e2);
                    throw e;
                }
                tableXinfo = false;
                return result;
            }
        }
        return query(info, rs -> new Column(rs.getString(2), rs.getString(3), rs.getInt(4) != 0, rs.getString(5),
                rs.getInt(6), 0), table);
    }

    /** The primary key columns of {@code columns}, in key order. */
    private static List<Column> primaryKey(List<Column> columns) {
        List<Column> pk = new ArrayList<>();
        for (Column c : columns) {
            if (c.pk > 0) {
                pk.add(c);
            }
        }
        pk.sort(Comparator.comparingInt(c -> c.pk));
        return pk;
    }

    private static final class Table {
        static final String TABLE = "TABLE";
        static final String VIEW = "VIEW";
        static final String SYSTEM_TABLE = "SYSTEM TABLE";

        final String name;
        final String type;
        final String sql;

        Table(String name, String type, String sql) {
            this.name = name;
            this.type = type;
            this.sql = sql;
        }

        boolean isView() {
            return "view".equalsIgnoreCase(type);
        }

        /** SQLite reserves names starting with "sqlite_" for the tables it maintains itself. */
        String jdbcType() {
            if (isView()) {
                return VIEW;
            }
            return name.regionMatches(true, 0, "sqlite_", 0, 7) ? SYSTEM_TABLE : TABLE;
        }
    }

    private static final class Column {
        final String name;
        final String declaredType;
        final boolean notNull;
        final String defaultValue;
        /** 1-based position in the primary key, 0 when not part of it. */
        final int pk;
        /** pragma_table_xinfo: 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
        final int hidden;

        Column(String name, String declaredType, boolean notNull, String defaultValue, int pk, int hidden) {
            this.name = name;
            this.declaredType = declaredType == null ? "" : declaredType;
            this.notNull = notNull;
            this.defaultValue = defaultValue;
            this.pk = pk;
            this.hidden = hidden;
        }
    }

    private static final class IndexColumn {
        final String index;
        final boolean unique;
        final boolean partial;
        final int seqno;
        final String column;
        final Boolean descending;

        IndexColumn(String index, boolean unique, boolean partial, int seqno, String column, Boolean descending) {
            this.index = index;
            this.unique = unique;
            this.partial = partial;
            this.seqno = seqno;
            this.column = column;
            this.descending = descending;
        }
    }

    /** One row of pragma_foreign_key_list. */
    private static final class FkRow {
        final String child;
        final int id;
        final int seq;
        final String parent;
        final String from;
        final String to;
        final String onUpdate;
        final String onDelete;

        FkRow(String child, int id, int seq, String parent, String from, String to, String onUpdate,
                String onDelete) {
            this.child = child;
            this.id = id;
            this.seq = seq;
            this.parent = parent;
            this.from = from;
            this.to = to;
            this.onUpdate = onUpdate;
            this.onDelete = onDelete;
        }
    }

    /** One foreign key: the rows of pragma_foreign_key_list with the same id, resolved. */
    private static final class ForeignKey {
        final String child;
        final int id;
        final String parentAsWritten;
        final String onUpdate;
        final String onDelete;
        final List<String> from = new ArrayList<>();
        final List<String> to = new ArrayList<>();
        String parentName;
        String name;
        String parentKeyName;
        short deferrability = (short) importedKeyNotDeferrable;
        int declarationIndex;

        ForeignKey(String child, int id, String parentAsWritten, String onUpdate, String onDelete) {
            this.child = child;
            this.id = id;
            this.parentAsWritten = parentAsWritten;
            this.parentName = parentAsWritten;
            this.onUpdate = onUpdate;
            this.onDelete = onDelete;
        }
    }

    // =====================================================================================
    // Declared types
    // =====================================================================================

    /** A declared column type split into name and arguments, with the JDBC type it maps to. */
    static final class DeclaredType {
        final String name;
        final int jdbcType;
        final Integer size;
        final Integer decimalDigits;
        final Integer radix;

        private DeclaredType(String name, int jdbcType, Integer size, Integer decimalDigits, Integer radix) {
            this.name = name;
            this.jdbcType = jdbcType;
            this.size = size;
            this.decimalDigits = decimalDigits;
            this.radix = radix;
        }

        static DeclaredType parse(String declared) {
            String text = declared == null ? "" : declared.trim();
            Integer first = null;
            Integer second = null;
            int open = text.indexOf('(');
            String base = open < 0 ? text : text.substring(0, open);
            if (open >= 0) {
                int close = text.indexOf(')', open);
                String[] args = text.substring(open + 1, close < 0 ? text.length() : close).split(",");
                first = parseInt(args[0]);
                second = args.length > 1 ? parseInt(args[1]) : null;
            }
            String name = base.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
            int type = jdbcType(name);
            boolean integer = type == Types.TINYINT || type == Types.SMALLINT || type == Types.INTEGER
                    || type == Types.BIGINT;
            boolean exact = type == Types.DECIMAL || type == Types.NUMERIC;
            boolean numeric = integer || exact || type == Types.DOUBLE;
            Integer digits = second;
            if (digits == null && (integer || (exact && first != null))) {
                digits = 0;
            }
            return new DeclaredType(name, type, first, digits, numeric ? 10 : null);
        }

        private static Integer parseInt(String s) {
            try {
                return Integer.valueOf(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** Well-known names first, then SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1). */
        static int jdbcType(String name) {
            switch (name) {
                case "":
                    return Types.OTHER;
                case "BOOLEAN":
                case "BOOL":
                    return Types.BOOLEAN;
                case "DATE":
                    return Types.DATE;
                case "TIME":
                    return Types.TIME;
                case "DATETIME":
                case "TIMESTAMP":
                    return Types.TIMESTAMP;
                case "TINYINT":
                    return Types.TINYINT;
                case "SMALLINT":
                case "INT2":
                    return Types.SMALLINT;
                case "BIGINT":
                case "INT8":
                case "UNSIGNED BIG INT":
                    return Types.BIGINT;
                case "DECIMAL":
                    return Types.DECIMAL;
                case "NUMERIC":
                    return Types.NUMERIC;
                default:
                    break;
            }
            if (name.contains("INT")) {
                return Types.INTEGER;
            } else if (name.contains("CHAR") || name.contains("CLOB") || name.contains("TEXT")) {
                return Types.VARCHAR;
            } else if (name.contains("BLOB")) {
                return Types.BLOB;
            } else if (name.contains("REAL") || name.contains("FLOA") || name.contains("DOUB")) {
                return Types.DOUBLE;
            }
            return Types.NUMERIC;
        }
    }

    // =====================================================================================
    // What only the CREATE statements say
    // =====================================================================================

    /** A token of SQLite SQL. */
    private static final class Token {
        static final char WORD = 'w';
        static final char QUOTED = 'q';
        static final char STRING = 's';
        static final char PUNCT = 'p';

        final char kind;
        final String text;
        /** Offsets of the token in the SQL text (including quotes). */
        final int start;
        final int end;

        Token(char kind, String text, int start, int end) {
            this.kind = kind;
            this.text = text;
            this.start = start;
            this.end = end;
        }

        boolean isKeyword(String keyword) {
            return kind == WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isPunct(char c) {
            return kind == PUNCT && text.charAt(0) == c;
        }

        /** The identifier this token names (SQLite also takes a 'string' where a name is expected). */
        String identifier() {
            return text;
        }
    }

    /**
     * Splits SQL into tokens with SQLite's rules: {@code "..."}, {@code `...`} and {@code [...]}
     * quote identifiers (doubled quotes escape), {@code '...'} is a string, {@code --} and
     * {@code /* *}{@code /} are comments, and letters, digits, {@code _}, {@code $} and every
     * non-ASCII character make up words.
     */
    private static List<Token> tokenize(String sql) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '"' || c == '`' || c == '\'' || c == '[') {
                int start = i;
                char closing = c == '[' ? ']' : c;
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == closing) {
                        if (closing != ']' && j + 1 < n && sql.charAt(j + 1) == closing) {
                            text.append(d);
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                    j++;
                }
                i = Math.min(j + 1, n);
                tokens.add(new Token(c == '\'' ? Token.STRING : Token.QUOTED, text.toString(), start, i));
            } else if (isWordChar(c)) {
                int j = i;
                while (j < n && isWordChar(sql.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Token.WORD, sql.substring(i, j), i, j));
                i = j;
            } else {
                tokens.add(new Token(Token.PUNCT, String.valueOf(c), i, i + 1));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c > 127;
    }

    /** A FOREIGN KEY or REFERENCES clause as declared. */
    private static final class ForeignKeyDecl {
        final String name;
        final List<String> columns;
        final String parent;
        final short deferrability;

        ForeignKeyDecl(String name, List<String> columns, String parent, short deferrability) {
            this.name = name;
            this.columns = columns;
            this.parent = parent;
            this.deferrability = deferrability;
        }

        boolean matches(ForeignKey fk) {
            if (columns.size() != fk.from.size() || !equalsIgnoreCaseAscii(parent, fk.parentAsWritten)) {
                return false;
            }
            for (int i = 0; i < columns.size(); i++) {
                if (!equalsIgnoreCaseAscii(columns.get(i), fk.from.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** What a CREATE TABLE statement declares beyond what the PRAGMAs report. */
    static final class TableDdl {
        static final TableDdl NONE = new TableDdl();

        String primaryKeyName;
        String autoincrementColumn;
        boolean withoutRowid;
        final List<ForeignKeyDecl> foreignKeys = new ArrayList<>();

        /** Never fails: SQL it does not understand yields less information, not an error. */
        static TableDdl parse(String sql) {
            if (sql == null) {
                return NONE;
            }
            TableDdl ddl = new TableDdl();
            List<Token> tokens = tokenize(sql);
            int open = -1;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isKeyword("AS")) {
                    return ddl; // CREATE TABLE ... AS SELECT declares no constraints
                }
                if (t.isPunct('(')) {
                    open = i;
                    break;
                }
            }
            if (open < 0) {
                return ddl;
            }
            int depth = 0;
            int start = open + 1;
            int i = open;
            for (; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                    if (depth == 0) {
                        ddl.definition(tokens.subList(start, i));
                        break;
                    }
                } else if (t.isPunct(',') && depth == 1) {
                    ddl.definition(tokens.subList(start, i));
                    start = i + 1;
                }
            }
            for (int j = i + 1; j + 1 < tokens.size(); j++) {
                if (tokens.get(j).isKeyword("WITHOUT") && tokens.get(j + 1).isKeyword("ROWID")) {
                    ddl.withoutRowid = true;
                }
            }
            return ddl;
        }

        /** One column definition or table constraint. */
        private void definition(List<Token> def) {
            if (def.isEmpty()) {
                return;
            }
            Token first = def.get(0);
            if (first.isKeyword("CONSTRAINT") && def.size() > 2) {
                tableConstraint(def.get(1).identifier(), def.subList(2, def.size()));
            } else if (first.isKeyword("PRIMARY") || first.isKeyword("UNIQUE") || first.isKeyword("CHECK")
                    || first.isKeyword("FOREIGN")) {
                tableConstraint(null, def);
            } else {
                column(first.identifier(), def);
            }
        }

        private void tableConstraint(String name, List<Token> c) {
            if (c.get(0).isKeyword("PRIMARY")) {
                primaryKeyName = name;
            } else if (c.get(0).isKeyword("FOREIGN")) {
                int open = indexOf(c, 0, '(');
                if (open < 0) {
                    return;
                }
                int close = closing(c, open);
                List<String> columns = columnList(c, open, close);
                int ref = close + 1;
                if (ref + 1 < c.size() && c.get(ref).isKeyword("REFERENCES")) {
                    foreignKeys.add(new ForeignKeyDecl(name, columns, c.get(ref + 1).identifier(),
                            deferrability(c, ref + 2)));
                }
            }
        }

        private void column(String column, List<Token> def) {
            String pending = null;
            int depth = 0;
            for (int i = 1; i < def.size(); i++) {
                Token t = def.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                }
                if (depth != 0 || t.kind != Token.WORD) {
                    continue;
                }
                String word = t.text.toUpperCase(Locale.ROOT);
                switch (word) {
                    case "CONSTRAINT":
                        pending = i + 1 < def.size() ? def.get(i + 1).identifier() : null;
                        i++;
                        break;
                    case "PRIMARY":
                        primaryKeyName = pending;
                        pending = null;
                        break;
                    case "REFERENCES":
                        if (i + 1 < def.size()) {
                            foreignKeys.add(new ForeignKeyDecl(pending, List.of(column), def.get(i + 1).identifier(),
                                    deferrability(def, i + 2)));
                        }
                        pending = null;
                        break;
                    case "AUTOINCREMENT":
                        autoincrementColumn = column;
                        break;
                    case "NOT":
                    case "NULL":
                    case "UNIQUE":
                    case "CHECK":
                    case "DEFAULT":
                    case "COLLATE":
                    case "GENERATED":
                    case "AS":
                        pending = null;
                        break;
                    default:
                        break;
                }
            }
        }

        /** The deferrability of a foreign key clause whose tokens follow from {@code from}. */
        private static short deferrability(List<Token> c, int from) {
            for (int i = from; i < c.size(); i++) {
                if (c.get(i).isKeyword("DEFERRABLE")) {
                    if (i > from && c.get(i - 1).isKeyword("NOT")) {
                        return (short) importedKeyNotDeferrable;
                    }
                    boolean deferred = i + 2 < c.size() && c.get(i + 1).isKeyword("INITIALLY")
                            && c.get(i + 2).isKeyword("DEFERRED");
                    return (short) (deferred ? importedKeyInitiallyDeferred : importedKeyInitiallyImmediate);
                }
                if (c.get(i).isKeyword("CONSTRAINT")) {
                    break; // the next column constraint starts
                }
            }
            return (short) importedKeyNotDeferrable;
        }

        private static int indexOf(List<Token> c, int from, char punct) {
            for (int i = from; i < c.size(); i++) {
                if (c.get(i).isPunct(punct)) {
                    return i;
                }
            }
            return -1;
        }

        private static int closing(List<Token> c, int open) {
            int depth = 0;
            for (int i = open; i < c.size(); i++) {
                if (c.get(i).isPunct('(')) {
                    depth++;
                } else if (c.get(i).isPunct(')') && --depth == 0) {
                    return i;
                }
            }
            return c.size();
        }

        /** The first token of each comma-separated item between {@code open} and {@code close}. */
        private static List<String> columnList(List<Token> c, int open, int close) {
            List<String> columns = new ArrayList<>();
            boolean expectName = true;
            int depth = 0;
            for (int i = open + 1; i < close; i++) {
                Token t = c.get(i);
                if (t.isPunct('(')) {
                    depth++;
                } else if (t.isPunct(')')) {
                    depth--;
                } else if (t.isPunct(',') && depth == 0) {
                    expectName = true;
                } else if (expectName && depth == 0) {
                    columns.add(t.identifier());
                    expectName = false;
                }
            }
            return columns;
        }
    }

    /** What a CREATE INDEX statement says that the PRAGMAs do not. */
    static final class IndexDdl {
        static final IndexDdl NONE = new IndexDdl(List.of(), null);

        /** The text of each key, without ASC/DESC and COLLATE. */
        final List<String> keys;
        /** The condition of a partial index ({@code CREATE INDEX ... WHERE condition}), or null. */
        final String where;

        private IndexDdl(List<String> keys, String where) {
            this.keys = keys;
            this.where = where;
        }

        /** The text of key {@code seqno} (0-based), or null when unknown. */
        String keyText(int seqno) {
            return seqno >= 0 && seqno < keys.size() ? keys.get(seqno) : null;
        }

        /** Never fails: SQL it does not understand yields less information, not an error. */
        static IndexDdl parse(String sql) {
            if (sql == null) {
                return NONE;
            }
            List<Token> tokens = tokenize(sql);
            List<String> keys = new ArrayList<>();
            int depth = 0;
            int keyStart = -1;
            int i = 0;
            for (; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunct('(')) {
                    if (depth++ == 0) {
                        keyStart = i + 1;
                        continue;
                    }
                } else if (t.isPunct(')')) {
                    if (--depth == 0) {
                        addKey(sql, tokens.subList(keyStart, i), keys);
                        break;
                    }
                } else if (t.isPunct(',') && depth == 1) {
                    addKey(sql, tokens.subList(keyStart, i), keys);
                    keyStart = i + 1;
                }
            }
            String where = null;
            for (int j = i + 1; j < tokens.size(); j++) {
                if (tokens.get(j).isKeyword("WHERE")) {
                    String condition = sql.substring(tokens.get(j).end).trim();
                    while (condition.endsWith(";")) {
                        condition = condition.substring(0, condition.length() - 1).trim();
                    }
                    where = condition.isEmpty() ? null : condition;
                    break;
                }
            }
            return new IndexDdl(keys, where);
        }

        private static void addKey(String sql, List<Token> key, List<String> keys) {
            int n = key.size();
            if (n > 0 && (key.get(n - 1).isKeyword("ASC") || key.get(n - 1).isKeyword("DESC"))) {
                n--;
            }
            if (n > 1 && key.get(n - 2).isKeyword("COLLATE")) {
                n -= 2;
            }
            keys.add(n == 0 ? null : sql.substring(key.get(0).start, key.get(n - 1).end));
        }
    }

    // =====================================================================================
    // Helpers
    // =====================================================================================

    private boolean sqliteAtLeast(int major, int minor) {
        return sqlite[0] > major || sqlite[0] == major && sqlite[1] >= minor;
    }

    /** {@code "3.40.1"} → {3, 40, 1}; {@code "0.1.0-SNAPSHOT"} → {0, 1, 0}; missing parts are 0. */
    static int[] parseVersion(String version) {
        int[] parts = new int[3];
        if (version == null) {
            return parts;
        }
        Matcher m = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?").matcher(version);
        if (m.find()) {
            for (int i = 0; i < 3; i++) {
                String g = m.group(i + 1);
                if (g != null) {
                    try {
                        parts[i] = Integer.parseInt(g);
                    } catch (NumberFormatException e) {
                        parts[i] = Integer.MAX_VALUE; // more digits than an int: at least as new as anything
                    }
                }
            }
        }
        return parts;
    }

    /**
     * A JDBC name pattern as a regular expression: {@code %} any run, {@code _} any one
     * character, {@code \} escapes the next character; ASCII letters match either case, as
     * SQLite's identifiers and LIKE do. Null for a null pattern, which matches everything.
     */
    static Pattern likePattern(String pattern) {
        if (pattern == null) {
            return null;
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
                continue;
            }
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private static boolean matches(Pattern pattern, String name) {
        return pattern == null || name != null && pattern.matcher(name).matches();
    }

    /** SQLite's identifier comparison: case-insensitive for ASCII letters only. */
    static boolean equalsIgnoreCaseAscii(String a, String b) {
        if (a == null || b == null || a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && (x > 127 || y > 127 || Character.toLowerCase(x) != Character.toLowerCase(y))) {
                return false;
            }
        }
        return true;
    }

    // =====================================================================================
    // Result layouts, in JDBC 4.3 javadoc order
    // =====================================================================================

    private static final class Shape {
        final String[] names;
        final int[] types;

        Shape(Object... namesAndTypes) {
            names = new String[namesAndTypes.length / 2];
            types = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                names[i] = (String) namesAndTypes[2 * i];
                types[i] = (Integer) namesAndTypes[2 * i + 1];
            }
        }

        ListResultSet result(List<Object[]> rows) {
            return new ListResultSet(null, names, types, rows);
        }

        ListResultSet empty() {
            return ListResultSet.empty(names, types);
        }
    }

    private static final int V = Types.VARCHAR;
    private static final int I = Types.INTEGER;
    private static final int S = Types.SMALLINT;
    private static final int L = Types.BIGINT;
    private static final int B = Types.BOOLEAN;

    private static final Shape TABLES = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "TABLE_TYPE", V, "REMARKS", V, "TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "SELF_REFERENCING_COL_NAME", V, "REF_GENERATION", V);
    private static final Shape TABLE_TYPES = new Shape("TABLE_TYPE", V);
    private static final Shape SCHEMAS = new Shape("TABLE_SCHEM", V, "TABLE_CATALOG", V);
    private static final Shape CATALOGS = new Shape("TABLE_CAT", V);
    private static final Shape COLUMNS = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "DATA_TYPE", I, "TYPE_NAME", V, "COLUMN_SIZE", I, "BUFFER_LENGTH", I,
            "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I, "NULLABLE", I, "REMARKS", V, "COLUMN_DEF", V,
            "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I,
            "IS_NULLABLE", V, "SCOPE_CATALOG", V, "SCOPE_SCHEMA", V, "SCOPE_TABLE", V, "SOURCE_DATA_TYPE", S,
            "IS_AUTOINCREMENT", V, "IS_GENERATEDCOLUMN", V);
    private static final Shape PRIMARY_KEYS = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "KEY_SEQ", S, "PK_NAME", V);
    private static final Shape FOREIGN_KEYS = new Shape("PKTABLE_CAT", V, "PKTABLE_SCHEM", V, "PKTABLE_NAME", V,
            "PKCOLUMN_NAME", V, "FKTABLE_CAT", V, "FKTABLE_SCHEM", V, "FKTABLE_NAME", V, "FKCOLUMN_NAME", V,
            "KEY_SEQ", S, "UPDATE_RULE", S, "DELETE_RULE", S, "FK_NAME", V, "PK_NAME", V, "DEFERRABILITY", S);
    private static final Shape INDEX_INFO = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "NON_UNIQUE", B, "INDEX_QUALIFIER", V, "INDEX_NAME", V, "TYPE", S, "ORDINAL_POSITION", S,
            "COLUMN_NAME", V, "ASC_OR_DESC", V, "CARDINALITY", L, "PAGES", L, "FILTER_CONDITION", V);
    private static final Shape BEST_ROW = new Shape("SCOPE", S, "COLUMN_NAME", V, "DATA_TYPE", I, "TYPE_NAME", V,
            "COLUMN_SIZE", I, "BUFFER_LENGTH", I, "DECIMAL_DIGITS", S, "PSEUDO_COLUMN", S);
    private static final Shape VERSION_COLUMNS = new Shape("SCOPE", S, "COLUMN_NAME", V, "DATA_TYPE", I,
            "TYPE_NAME", V, "COLUMN_SIZE", I, "BUFFER_LENGTH", I, "DECIMAL_DIGITS", S, "PSEUDO_COLUMN", S);
    private static final Shape TYPE_INFO = new Shape("TYPE_NAME", V, "DATA_TYPE", I, "PRECISION", I,
            "LITERAL_PREFIX", V, "LITERAL_SUFFIX", V, "CREATE_PARAMS", V, "NULLABLE", S, "CASE_SENSITIVE", B,
            "SEARCHABLE", S, "UNSIGNED_ATTRIBUTE", B, "FIXED_PREC_SCALE", B, "AUTO_INCREMENT", B,
            "LOCAL_TYPE_NAME", V, "MINIMUM_SCALE", S, "MAXIMUM_SCALE", S, "SQL_DATA_TYPE", I,
            "SQL_DATETIME_SUB", I, "NUM_PREC_RADIX", I);
    private static final Shape PROCEDURES = new Shape("PROCEDURE_CAT", V, "PROCEDURE_SCHEM", V,
            "PROCEDURE_NAME", V, "RESERVED1", V, "RESERVED2", V, "RESERVED3", V, "REMARKS", V,
            "PROCEDURE_TYPE", S, "SPECIFIC_NAME", V);
    private static final Shape PROCEDURE_COLUMNS = new Shape("PROCEDURE_CAT", V, "PROCEDURE_SCHEM", V,
            "PROCEDURE_NAME", V, "COLUMN_NAME", V, "COLUMN_TYPE", S, "DATA_TYPE", I, "TYPE_NAME", V,
            "PRECISION", I, "LENGTH", I, "SCALE", S, "RADIX", S, "NULLABLE", S, "REMARKS", V, "COLUMN_DEF", V,
            "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I,
            "IS_NULLABLE", V, "SPECIFIC_NAME", V);
    private static final Shape FUNCTIONS = new Shape("FUNCTION_CAT", V, "FUNCTION_SCHEM", V, "FUNCTION_NAME", V,
            "REMARKS", V, "FUNCTION_TYPE", S, "SPECIFIC_NAME", V);
    private static final Shape FUNCTION_COLUMNS = new Shape("FUNCTION_CAT", V, "FUNCTION_SCHEM", V,
            "FUNCTION_NAME", V, "COLUMN_NAME", V, "COLUMN_TYPE", S, "DATA_TYPE", I, "TYPE_NAME", V,
            "PRECISION", I, "LENGTH", I, "SCALE", S, "RADIX", S, "NULLABLE", S, "REMARKS", V,
            "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I, "IS_NULLABLE", V, "SPECIFIC_NAME", V);
    private static final Shape COLUMN_PRIVILEGES = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "GRANTOR", V, "GRANTEE", V, "PRIVILEGE", V, "IS_GRANTABLE", V);
    private static final Shape TABLE_PRIVILEGES = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "GRANTOR", V, "GRANTEE", V, "PRIVILEGE", V, "IS_GRANTABLE", V);
    private static final Shape PSEUDO_COLUMNS = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "DATA_TYPE", I, "COLUMN_SIZE", I, "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I,
            "COLUMN_USAGE", V, "REMARKS", V, "CHAR_OCTET_LENGTH", I, "IS_NULLABLE", V);
    private static final Shape UDTS = new Shape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V, "CLASS_NAME", V,
            "DATA_TYPE", I, "REMARKS", V, "BASE_TYPE", S);
    private static final Shape SUPER_TYPES = new Shape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "SUPERTYPE_CAT", V, "SUPERTYPE_SCHEM", V, "SUPERTYPE_NAME", V);
    private static final Shape SUPER_TABLES = new Shape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "SUPERTABLE_NAME", V);
    private static final Shape ATTRIBUTES = new Shape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "ATTR_NAME", V, "DATA_TYPE", I, "ATTR_TYPE_NAME", V, "ATTR_SIZE", I, "DECIMAL_DIGITS", I,
            "NUM_PREC_RADIX", I, "NULLABLE", I, "REMARKS", V, "ATTR_DEF", V, "SQL_DATA_TYPE", I,
            "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I, "IS_NULLABLE", V,
            "SCOPE_CATALOG", V, "SCOPE_SCHEMA", V, "SCOPE_TABLE", V, "SOURCE_DATA_TYPE", S);
    private static final Shape CLIENT_INFO = new Shape("NAME", V, "MAX_LEN", I, "DEFAULT_VALUE", V,
            "DESCRIPTION", V);
}
