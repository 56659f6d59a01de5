package io.dqlite4j.jdbc;

import java.sql.Types;
import java.util.Locale;

/** A declared column type split into name and arguments, with the JDBC type it maps to. */
final class DeclaredType {
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
