package io.dqlite4j.jdbc;

import static io.dqlite4j.jdbc.CatalogReader.equalsIgnoreCaseAscii;
import static io.dqlite4j.jdbc.CatalogReader.find;
import static io.dqlite4j.jdbc.CatalogReader.primaryKey;
import static io.dqlite4j.jdbc.CatalogReader.targets;
import static java.sql.DatabaseMetaData.bestRowNotPseudo;
import static java.sql.DatabaseMetaData.bestRowSession;
import static java.sql.DatabaseMetaData.columnNoNulls;
import static java.sql.DatabaseMetaData.columnNullable;
import static java.sql.DatabaseMetaData.importedKeyCascade;
import static java.sql.DatabaseMetaData.importedKeyNoAction;
import static java.sql.DatabaseMetaData.importedKeyRestrict;
import static java.sql.DatabaseMetaData.importedKeySetDefault;
import static java.sql.DatabaseMetaData.importedKeySetNull;
import static java.sql.DatabaseMetaData.tableIndexOther;
import static java.sql.DatabaseMetaData.typeNullable;
import static java.sql.DatabaseMetaData.typeSearchable;

import io.dqlite4j.jdbc.CatalogReader.Column;
import io.dqlite4j.jdbc.CatalogReader.IndexColumn;
import io.dqlite4j.jdbc.CatalogReader.Table;
import io.dqlite4j.jdbc.ForeignKeys.ForeignKey;
import io.dqlite4j.sql.IndexDefinition;
import io.dqlite4j.sql.TableDefinition;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The catalog answers of {@link DqliteDatabaseMetaData}, built as JDBC result rows from what
 * {@link CatalogReader} reads and what the CREATE statements declare ({@link TableDefinition},
 * {@link IndexDefinition}). The public class documents what each result holds; the comments
 * here say how it is put together.
 */
final class MetaDataCatalog {
    private final CatalogReader reader;

    MetaDataCatalog(CatalogReader reader) {
        this.reader = reader;
    }

    /** {@link DqliteDatabaseMetaData#getTables}. */
    ResultSet tables(String tableNamePattern, String[] types) throws SQLException {
        Pattern name = likePattern(tableNamePattern);
        List<Object[]> rows = new ArrayList<>();
        for (Table t : reader.tables()) {
            String type = t.jdbcType();
            if (matches(name, t.name) && typeWanted(types, type)) {
                rows.add(new Object[] {null, null, t.name, type, null, null, null, null, null, null});
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (String) r[3]).thenComparing(r -> (String) r[2]));
        return ResultShape.TABLES.result(rows);
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

    /** {@link DqliteDatabaseMetaData#getTableTypes}. */
    ResultSet tableTypes() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {Table.SYSTEM_TABLE});
        rows.add(new Object[] {Table.TABLE});
        rows.add(new Object[] {Table.VIEW});
        return ResultShape.TABLE_TYPES.result(rows);
    }

    /** {@link DqliteDatabaseMetaData#getColumns}. */
    ResultSet columns(String tableNamePattern, String columnNamePattern) throws SQLException {
        Pattern tablePattern = likePattern(tableNamePattern);
        Pattern columnPattern = likePattern(columnNamePattern);
        List<Object[]> rows = new ArrayList<>();
        for (Table t : reader.tables()) {
            if (!matches(tablePattern, t.name)) {
                continue;
            }
            List<Column> columns;
            try {
                columns = reader.columns(t.name);
            } catch (SQLException e) {
                if (t.isView()) {
                    continue;
                }
                throw e;
            }
            TableDefinition ddl = TableDefinition.parse(t.isView() ? null : t.sql);
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
                boolean autoincrement = equalsIgnoreCaseAscii(ddl.autoincrementColumn(), c.name);
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
        return ResultShape.COLUMNS.result(rows);
    }

    /** {@link DqliteDatabaseMetaData#getPrimaryKeys}. */
    ResultSet primaryKeys(String table) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : targets(reader.tables(), table)) {
            if (t.isView()) {
                continue;
            }
            String pkName = TableDefinition.parse(t.sql).primaryKeyName();
            List<Column> pk = primaryKey(reader.columns(t.name));
            for (Column c : pk) {
                rows.add(new Object[] {null, null, t.name, c.name, (short) c.pk, pkName});
            }
        }
        return ResultShape.PRIMARY_KEYS.result(rows);
    }

    /** {@link DqliteDatabaseMetaData#getBestRowIdentifier}. */
    ResultSet bestRowIdentifier(String table, boolean nullable) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Table t = find(reader.tables(), table);
        if (t != null && !t.isView()) {
            List<Column> pk = primaryKey(reader.columns(t.name));
            boolean rowidAlias = pk.size() == 1 && "INTEGER".equalsIgnoreCase(pk.get(0).declaredType.trim())
                    && !TableDefinition.parse(t.sql).withoutRowid();
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
        return ResultShape.BEST_ROW.result(rows);
    }

    /** {@link DqliteDatabaseMetaData#getImportedKeys}. */
    ResultSet importedKeys(String table) throws SQLException {
        List<Table> all = reader.tables();
        List<ForeignKey> fks = ForeignKeys.of(reader, all, targets(all, table));
        fks.sort(Comparator.comparing((ForeignKey fk) -> fk.parentName.toLowerCase(Locale.ROOT))
                .thenComparing(fk -> fk.child.toLowerCase(Locale.ROOT))
                .thenComparingInt(fk -> fk.declarationIndex));
        return ResultShape.FOREIGN_KEYS.result(keyRows(fks));
    }

    /** {@link DqliteDatabaseMetaData#getCrossReference}; also getExportedKeys, with any child. */
    ResultSet crossReference(String parentTable, String foreignTable) throws SQLException {
        List<Table> all = reader.tables();
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : ForeignKeys.of(reader, all, targets(all, foreignTable))) {
            if (parentTable == null || equalsIgnoreCaseAscii(fk.parentName, parentTable)) {
                fks.add(fk);
            }
        }
        fks.sort(Comparator.comparing((ForeignKey fk) -> fk.child.toLowerCase(Locale.ROOT))
                .thenComparingInt(fk -> fk.declarationIndex)
                .thenComparing(fk -> fk.parentName.toLowerCase(Locale.ROOT)));
        return ResultShape.FOREIGN_KEYS.result(keyRows(fks));
    }

    private static List<Object[]> keyRows(List<ForeignKey> fks) {
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

    /** {@link DqliteDatabaseMetaData#getIndexInfo}. */
    ResultSet indexInfo(String table, boolean unique) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : targets(reader.tables(), table)) {
            if (t.isView()) {
                continue;
            }
            Map<String, IndexDefinition> ddls = new HashMap<>();
            for (IndexColumn ic : reader.indexColumns(t.name)) {
                if (unique && !ic.unique) {
                    continue;
                }
                IndexDefinition ddl = null;
                if (ic.partial || ic.column == null) {
                    ddl = ddls.get(ic.index);
                    if (ddl == null) {
                        ddl = IndexDefinition.parse(reader.indexSql(ic.index));
                        ddls.put(ic.index, ddl);
                    }
                }
                String column = ic.column != null ? ic.column : ddl.key(ic.seqno);
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
                    ic.partial ? ddl.where() : null,                  // FILTER_CONDITION
                });
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (Boolean) r[3])
                .thenComparing(r -> (String) r[5])
                .thenComparing(r -> (Short) r[7]));
        return ResultShape.INDEX_INFO.result(rows);
    }

    /** {@link DqliteDatabaseMetaData#getTypeInfo}. */
    static ResultSet typeInfo() {
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
        return ResultShape.TYPE_INFO.result(rows);
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

    /**
     * A JDBC name pattern as a regular expression: {@code %} any run, {@code _} any one
     * character, {@code \} escapes the next character; ASCII letters match either case, as
     * SQLite's identifiers and LIKE do. Null for a null pattern, which matches everything.
     */
    private static Pattern likePattern(String pattern) {
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
}
