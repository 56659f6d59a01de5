package io.dqlite4j.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
 * from the {@code CREATE} statement stored in {@code sqlite_master} by
 * {@link io.dqlite4j.sql.TableDefinition} and {@link io.dqlite4j.sql.IndexDefinition}, which
 * tokenize with the drivers' own SQLite lexer; when they cannot tell, the answer is the one the
 * JDBC spec gives for "unknown".
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
 *
 * <p>This class holds what depends on the connection and documents every catalog result; the
 * constant answers live in its base class, and the catalog results are built by package-private
 * helpers (the catalog reads, the foreign key resolution, the result layouts).
 */
public final class DqliteDatabaseMetaData extends MetaDataCapabilities {

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
    private final int[] driver;
    private final MetaDataCatalog catalogAnswers;

    /**
     * Metadata read through {@code connection}.
     *
     * @param connection the connection to read the catalog with, and to return from {@link #getConnection()}
     * @param url the JDBC URL, returned by {@link #getURL()}
     * @param serverSqliteVersion the server's {@code sqlite_version()}, e.g. {@code "3.40.1"}
     * @param driverVersion this driver's version, e.g. {@code "0.1.0-SNAPSHOT"}
     */
    public DqliteDatabaseMetaData(Connection connection, String url, String serverSqliteVersion, String driverVersion) {
        super(parseVersion(serverSqliteVersion));
        this.connection = connection;
        this.url = url;
        this.serverSqliteVersion = serverSqliteVersion;
        this.driverVersion = driverVersion;
        this.driver = parseVersion(driverVersion);
        this.catalogAnswers = new MetaDataCatalog(new CatalogReader(connection));
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
        return catalogAnswers.tables(tableNamePattern, types);
    }

    /** {@code SYSTEM TABLE}, {@code TABLE}, {@code VIEW}: what {@link #getTables} reports. */
    @Override
    public ResultSet getTableTypes() {
        return catalogAnswers.tableTypes();
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
        return catalogAnswers.columns(tableNamePattern, columnNamePattern);
    }

    /**
     * The primary key of a table (or of every table when {@code table} is null), one row per
     * column, in key order (KEY_SEQ): that is the order consumers need, and the JDBC-spec order
     * by COLUMN_NAME would scramble composite keys for readers that do not sort. PK_NAME is the
     * name given with {@code CONSTRAINT name PRIMARY KEY}, else null (SQLite names no key itself).
     */
    @Override
    public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
        return catalogAnswers.primaryKeys(table);
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
        return catalogAnswers.bestRowIdentifier(table, nullable);
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
        return catalogAnswers.importedKeys(table);
    }

    /**
     * Foreign keys that reference {@code table} (every foreign key when null), self-references
     * included, ordered by FKTABLE_NAME, then key, then KEY_SEQ.
     */
    @Override
    public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
        return catalogAnswers.crossReference(table, null);
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
        return catalogAnswers.crossReference(parentTable, foreignTable);
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
        return catalogAnswers.indexInfo(table, unique);
    }

    // =====================================================================================
    // Catalog: what SQLite does not have
    // =====================================================================================

    /** Empty: SQLite has no schemas here (see the class comment). */
    @Override
    public ResultSet getSchemas() {
        return ResultShape.SCHEMAS.empty();
    }

    /** Empty: SQLite has no schemas here (see the class comment). */
    @Override
    public ResultSet getSchemas(String catalog, String schemaPattern) {
        return ResultShape.SCHEMAS.empty();
    }

    /** Empty: SQLite has no catalogs. */
    @Override
    public ResultSet getCatalogs() {
        return ResultShape.CATALOGS.empty();
    }

    /** Empty: SQLite has no stored procedures. */
    @Override
    public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) {
        return ResultShape.PROCEDURES.empty();
    }

    /** Empty: SQLite has no stored procedures. */
    @Override
    public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
            String columnNamePattern) {
        return ResultShape.PROCEDURE_COLUMNS.empty();
    }

    /** Empty: SQLite's functions are built in or registered by the server, not catalogued. */
    @Override
    public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) {
        return ResultShape.FUNCTIONS.empty();
    }

    /** Empty, as {@link #getFunctions}. */
    @Override
    public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
            String columnNamePattern) {
        return ResultShape.FUNCTION_COLUMNS.empty();
    }

    /** Empty: SQLite has no privileges. */
    @Override
    public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) {
        return ResultShape.COLUMN_PRIVILEGES.empty();
    }

    /** Empty: SQLite has no privileges. */
    @Override
    public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) {
        return ResultShape.TABLE_PRIVILEGES.empty();
    }

    /** Empty: SQLite updates no column automatically on every row change. */
    @Override
    public ResultSet getVersionColumns(String catalog, String schema, String table) {
        return ResultShape.VERSION_COLUMNS.empty();
    }

    /** Empty: the rowid is a pseudo column, but not one that is reliably there (WITHOUT ROWID, shadowing columns). */
    @Override
    public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
            String columnNamePattern) {
        return ResultShape.PSEUDO_COLUMNS.empty();
    }

    /** Empty: SQLite has no user-defined types. */
    @Override
    public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) {
        return ResultShape.UDTS.empty();
    }

    /** Empty: SQLite has no type hierarchies. */
    @Override
    public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) {
        return ResultShape.SUPER_TYPES.empty();
    }

    /** Empty: SQLite has no table hierarchies. */
    @Override
    public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) {
        return ResultShape.SUPER_TABLES.empty();
    }

    /** Empty: SQLite has no user-defined types. */
    @Override
    public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
            String attributeNamePattern) {
        return ResultShape.ATTRIBUTES.empty();
    }

    /** Empty: the driver keeps no client info properties. */
    @Override
    public ResultSet getClientInfoProperties() {
        return ResultShape.CLIENT_INFO.empty();
    }

    /**
    /**
     * The type names a schema is usually written with, ordered by DATA_TYPE. SQLite accepts any
     * name; these are the ones whose meaning {@link #getColumns} knows. Storage is dynamic, so
     * PRECISION is the largest value the storage class holds (19 digits of a 64-bit integer, 15 of a
     * double) or 0 where SQLite sets no limit.
     */
    @Override
    public ResultSet getTypeInfo() {
        return MetaDataCatalog.typeInfo();
    }

    // =====================================================================================
    // Wrapper
    // =====================================================================================

    @Override public <T> T unwrap(Class<T> iface) throws SQLException { return Wrappers.unwrap(this, iface); }
    @Override public boolean isWrapperFor(Class<?> iface) { return Wrappers.isWrapperFor(this, iface); }

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
}
