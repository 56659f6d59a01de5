package io.dqlite4j.jdbc;

import java.sql.Types;
import java.util.List;

/**
 * The column names and types of one {@link java.sql.DatabaseMetaData} result. Every layout here
 * has exactly the columns the JDBC 4.3 javadoc lists, in that order, because jOOQ's
 * {@code MetaImpl} reads them by position. Results are {@link ListResultSet}s with no statement.
 */
final class ResultShape {
    private static final int V = Types.VARCHAR;
    private static final int I = Types.INTEGER;
    private static final int S = Types.SMALLINT;
    private static final int L = Types.BIGINT;
    private static final int B = Types.BOOLEAN;

    static final ResultShape TABLES = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "TABLE_TYPE", V, "REMARKS", V, "TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "SELF_REFERENCING_COL_NAME", V, "REF_GENERATION", V);
    static final ResultShape TABLE_TYPES = new ResultShape("TABLE_TYPE", V);
    static final ResultShape SCHEMAS = new ResultShape("TABLE_SCHEM", V, "TABLE_CATALOG", V);
    static final ResultShape CATALOGS = new ResultShape("TABLE_CAT", V);
    static final ResultShape COLUMNS = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "DATA_TYPE", I, "TYPE_NAME", V, "COLUMN_SIZE", I, "BUFFER_LENGTH", I,
            "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I, "NULLABLE", I, "REMARKS", V, "COLUMN_DEF", V,
            "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I,
            "IS_NULLABLE", V, "SCOPE_CATALOG", V, "SCOPE_SCHEMA", V, "SCOPE_TABLE", V, "SOURCE_DATA_TYPE", S,
            "IS_AUTOINCREMENT", V, "IS_GENERATEDCOLUMN", V);
    static final ResultShape PRIMARY_KEYS = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "KEY_SEQ", S, "PK_NAME", V);
    static final ResultShape FOREIGN_KEYS = new ResultShape("PKTABLE_CAT", V, "PKTABLE_SCHEM", V, "PKTABLE_NAME", V,
            "PKCOLUMN_NAME", V, "FKTABLE_CAT", V, "FKTABLE_SCHEM", V, "FKTABLE_NAME", V, "FKCOLUMN_NAME", V,
            "KEY_SEQ", S, "UPDATE_RULE", S, "DELETE_RULE", S, "FK_NAME", V, "PK_NAME", V, "DEFERRABILITY", S);
    static final ResultShape INDEX_INFO = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "NON_UNIQUE", B, "INDEX_QUALIFIER", V, "INDEX_NAME", V, "TYPE", S, "ORDINAL_POSITION", S,
            "COLUMN_NAME", V, "ASC_OR_DESC", V, "CARDINALITY", L, "PAGES", L, "FILTER_CONDITION", V);
    static final ResultShape BEST_ROW = new ResultShape("SCOPE", S, "COLUMN_NAME", V, "DATA_TYPE", I, "TYPE_NAME", V,
            "COLUMN_SIZE", I, "BUFFER_LENGTH", I, "DECIMAL_DIGITS", S, "PSEUDO_COLUMN", S);
    static final ResultShape VERSION_COLUMNS = new ResultShape("SCOPE", S, "COLUMN_NAME", V, "DATA_TYPE", I,
            "TYPE_NAME", V, "COLUMN_SIZE", I, "BUFFER_LENGTH", I, "DECIMAL_DIGITS", S, "PSEUDO_COLUMN", S);
    static final ResultShape TYPE_INFO = new ResultShape("TYPE_NAME", V, "DATA_TYPE", I, "PRECISION", I,
            "LITERAL_PREFIX", V, "LITERAL_SUFFIX", V, "CREATE_PARAMS", V, "NULLABLE", S, "CASE_SENSITIVE", B,
            "SEARCHABLE", S, "UNSIGNED_ATTRIBUTE", B, "FIXED_PREC_SCALE", B, "AUTO_INCREMENT", B,
            "LOCAL_TYPE_NAME", V, "MINIMUM_SCALE", S, "MAXIMUM_SCALE", S, "SQL_DATA_TYPE", I,
            "SQL_DATETIME_SUB", I, "NUM_PREC_RADIX", I);
    static final ResultShape PROCEDURES = new ResultShape("PROCEDURE_CAT", V, "PROCEDURE_SCHEM", V,
            "PROCEDURE_NAME", V, "RESERVED1", V, "RESERVED2", V, "RESERVED3", V, "REMARKS", V,
            "PROCEDURE_TYPE", S, "SPECIFIC_NAME", V);
    static final ResultShape PROCEDURE_COLUMNS = new ResultShape("PROCEDURE_CAT", V, "PROCEDURE_SCHEM", V,
            "PROCEDURE_NAME", V, "COLUMN_NAME", V, "COLUMN_TYPE", S, "DATA_TYPE", I, "TYPE_NAME", V,
            "PRECISION", I, "LENGTH", I, "SCALE", S, "RADIX", S, "NULLABLE", S, "REMARKS", V, "COLUMN_DEF", V,
            "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I,
            "IS_NULLABLE", V, "SPECIFIC_NAME", V);
    static final ResultShape FUNCTIONS = new ResultShape("FUNCTION_CAT", V, "FUNCTION_SCHEM", V, "FUNCTION_NAME", V,
            "REMARKS", V, "FUNCTION_TYPE", S, "SPECIFIC_NAME", V);
    static final ResultShape FUNCTION_COLUMNS = new ResultShape("FUNCTION_CAT", V, "FUNCTION_SCHEM", V,
            "FUNCTION_NAME", V, "COLUMN_NAME", V, "COLUMN_TYPE", S, "DATA_TYPE", I, "TYPE_NAME", V,
            "PRECISION", I, "LENGTH", I, "SCALE", S, "RADIX", S, "NULLABLE", S, "REMARKS", V,
            "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I, "IS_NULLABLE", V, "SPECIFIC_NAME", V);
    static final ResultShape COLUMN_PRIVILEGES = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "GRANTOR", V, "GRANTEE", V, "PRIVILEGE", V, "IS_GRANTABLE", V);
    static final ResultShape TABLE_PRIVILEGES = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "GRANTOR", V, "GRANTEE", V, "PRIVILEGE", V, "IS_GRANTABLE", V);
    static final ResultShape PSEUDO_COLUMNS = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "COLUMN_NAME", V, "DATA_TYPE", I, "COLUMN_SIZE", I, "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I,
            "COLUMN_USAGE", V, "REMARKS", V, "CHAR_OCTET_LENGTH", I, "IS_NULLABLE", V);
    static final ResultShape UDTS = new ResultShape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V, "CLASS_NAME", V,
            "DATA_TYPE", I, "REMARKS", V, "BASE_TYPE", S);
    static final ResultShape SUPER_TYPES = new ResultShape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "SUPERTYPE_CAT", V, "SUPERTYPE_SCHEM", V, "SUPERTYPE_NAME", V);
    static final ResultShape SUPER_TABLES = new ResultShape("TABLE_CAT", V, "TABLE_SCHEM", V, "TABLE_NAME", V,
            "SUPERTABLE_NAME", V);
    static final ResultShape ATTRIBUTES = new ResultShape("TYPE_CAT", V, "TYPE_SCHEM", V, "TYPE_NAME", V,
            "ATTR_NAME", V, "DATA_TYPE", I, "ATTR_TYPE_NAME", V, "ATTR_SIZE", I, "DECIMAL_DIGITS", I,
            "NUM_PREC_RADIX", I, "NULLABLE", I, "REMARKS", V, "ATTR_DEF", V, "SQL_DATA_TYPE", I,
            "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I, "IS_NULLABLE", V,
            "SCOPE_CATALOG", V, "SCOPE_SCHEMA", V, "SCOPE_TABLE", V, "SOURCE_DATA_TYPE", S);
    static final ResultShape CLIENT_INFO = new ResultShape("NAME", V, "MAX_LEN", I, "DEFAULT_VALUE", V,
            "DESCRIPTION", V);

    private final String[] names;
    private final int[] types;

    private ResultShape(Object... namesAndTypes) {
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
