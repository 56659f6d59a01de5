package io.dqlite4j.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;

/**
 * The answers of {@link DqliteDatabaseMetaData} that do not need the database: identifier rules,
 * SQL vocabulary, capabilities, transaction and result-set behaviour, and limits. They describe
 * dqlite as this driver runs it: always SERIALIZABLE transactions, savepoints, batches,
 * forward-only read-only results, no stored procedures, and SQL features gated on the server's
 * SQLite version where SQLite added them late.
 *
 * <p>A base class rather than a delegate because these are most of {@link DatabaseMetaData}'s
 * methods: one-line forwarding of each would be all the public class says.
 */
abstract class MetaDataCapabilities implements DatabaseMetaData {

    /** The server's SQLite version: major, minor, patch. */
    final int[] sqlite;

    MetaDataCapabilities(int[] sqlite) {
        this.sqlite = sqlite;
    }

    /** Whether the server's SQLite is at least {@code major.minor}. */
    final boolean sqliteAtLeast(int major, int minor) {
        return sqlite[0] > major || sqlite[0] == major && sqlite[1] >= minor;
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
}
