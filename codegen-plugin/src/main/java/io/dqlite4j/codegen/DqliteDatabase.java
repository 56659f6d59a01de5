package io.dqlite4j.codegen;

import io.dqlite4j.jooq.binding.DqliteBooleanBinding;
import io.dqlite4j.jooq.binding.DqliteLocalDateBinding;
import io.dqlite4j.jooq.binding.DqliteOffsetDateTimeBinding;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Check;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.exception.DataDefinitionException;
import org.jooq.impl.ParserException;
import org.jooq.meta.AbstractIndexDefinition;
import org.jooq.meta.ColumnDefinition;
import org.jooq.meta.DefaultCheckConstraintDefinition;
import org.jooq.meta.DefaultIndexColumnDefinition;
import org.jooq.meta.DefaultRelations;
import org.jooq.meta.IndexColumnDefinition;
import org.jooq.meta.IndexDefinition;
import org.jooq.meta.SchemaDefinition;
import org.jooq.meta.TableDefinition;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.sqlite.SQLiteDatabase;
import org.jooq.tools.JooqLogger;

/**
 * A jOOQ-meta {@link org.jooq.meta.Database} for dqlite: jOOQ's SQLite support, reading over the
 * dqlite JDBC driver, with keys, foreign keys and indexes read from SQLite's own pragmas.
 *
 * <p>Use it from the {@code dqlite-jooq:generate} goal (which picks it when
 * {@code <database><name>} is empty) or from jOOQ's own {@code jooq-codegen-maven} /
 * {@code GenerationTool}:
 * <pre>{@code
 * <jdbc><driver>io.dqlite4j.jdbc.DqliteDriver</driver><url>jdbc:dqlite://127.0.0.1:9001/app</url></jdbc>
 * <generator><database><name>io.dqlite4j.codegen.DqliteDatabase</name></database>...</generator>
 * }</pre>
 *
 * <h2>What is read, and how</h2>
 * <ul>
 *   <li>Tables, views and columns with their declared types: inherited from {@link SQLiteDatabase}
 *       ({@code sqlite_master}, {@code pragma_table_xinfo}).</li>
 *   <li>Primary keys ({@code pragma_table_info.pk}), unique constraints ({@code pragma_index_list}
 *       entries of origin {@code u}), foreign keys including composite and self-referencing ones
 *       ({@code pragma_foreign_key_list}) and indexes ({@code pragma_index_list} +
 *       {@code pragma_index_xinfo}): read here with pragma queries. jOOQ's SQLite support reads
 *       keys through JDBC {@link java.sql.DatabaseMetaData} instead; the pragmas are what SQLite
 *       itself answers, so the result does not depend on the driver's metadata emulation.</li>
 *   <li>Check constraints: jOOQ's parser and DDL interpreter on the {@code CREATE TABLE} texts,
 *       all tables together (jOOQ's SQLite support interprets each table alone and so loses the
 *       checks of every table with a foreign key).</li>
 *   <li>Identity: {@code AUTOINCREMENT} columns (inherited) and also rowid aliases, i.e. a single
 *       {@code INTEGER PRIMARY KEY} column of a rowid table, which SQLite fills in exactly like an
 *       identity. Marking them as identities lets {@code UpdatableRecord.store()} read the new
 *       key back.</li>
 * </ul>
 * Key names are those the DDL declares ({@code CONSTRAINT uq_book_title UNIQUE (…)},
 * {@code CONSTRAINT fk_book_author FOREIGN KEY …}, a named column constraint, a named primary
 * key), read with jOOQ's parser and DDL interpreter as jOOQ's SQLite support does, so generated
 * {@code Keys} constants match it. SQLite keeps no name for an unnamed constraint; those get
 * stable synthetic names: {@code pk_<table>} (as jOOQ), {@code uk_<table>_<columns>} and
 * {@code fk_<table>_<columns>} (jOOQ uses a hash of the columns, and the parent key's name).
 *
 * <h2>Type mapping</h2>
 * dqlite tags the cells of columns declared {@code DATETIME}, {@code TIMESTAMP} or {@code DATE}
 * as ISO8601 / UNIXTIME and those of {@code BOOLEAN} columns as BOOLEAN. Unless switched off,
 * this database therefore adds two forced types of the lowest priority:
 * <ul>
 *   <li>{@code (?i:DATETIME|TIMESTAMP)} → {@link OffsetDateTime} with
 *       {@link DqliteOffsetDateTimeBinding};</li>
 *   <li>{@code (?i:DATE)} → {@link LocalDate} with {@link DqliteLocalDateBinding} (the type
 *       jOOQ's SQLite generator gives DATE);</li>
 *   <li>{@code (?i:BOOLEAN)} → {@link Boolean} with {@link DqliteBooleanBinding};</li>
 *   <li>both with {@code <name>OTHER</name>}: see {@link #BINDING_SQL_TYPE}. A forced type of
 *       your own with a dqlite binding needs it too, e.g. {@code <forcedType><name>OTHER</name>
 *       <userType>java.time.Instant</userType>
 *       <binding>io.dqlite4j.jooq.binding.DqliteInstantBinding</binding>
 *       <includeExpression>.*\.created_at</includeExpression></forcedType>}.</li>
 * </ul>
 * They are added with {@link Integer#MIN_VALUE} priority, the way jOOQ adds its own built-in
 * forced types, so every {@code <forcedType>} of the user's configuration is matched first and
 * wins (such as the {@code Instant} one above, on some columns). To switch the
 * defaults off: {@code <database><properties><property><key>dqlite.defaultForcedTypes</key>
 * <value>false</value></property></properties></database>}.
 */
public class DqliteDatabase extends SQLiteDatabase {

    /** The database property that switches the default forced types off when {@code false}. */
    public static final String DEFAULT_FORCED_TYPES_PROPERTY = "dqlite.defaultForcedTypes";

    /** The {@code <includeTypes>} of the default DATETIME / TIMESTAMP forced type. */
    public static final String TEMPORAL_TYPES = "(?i:DATETIME|TIMESTAMP)";

    /** The {@code <includeTypes>} of the default DATE forced type. */
    public static final String DATE_TYPES = "(?i:DATE)";

    /** The {@code <includeTypes>} of the default BOOLEAN forced type. */
    public static final String BOOLEAN_TYPES = "(?i:BOOLEAN)";

    /**
     * The SQL data type the default forced types rewrite the column to. The dqlite bindings are
     * {@code Binding<Object, U>}, and generated code passes the binding to
     * {@code createField(name, DataType<T>, table, comment, Binding<T, U>)}, which compiles only
     * for {@code T = Object}: {@code OTHER} is jOOQ's {@code DataType<Object>}. SQL rendering and
     * JDBC access are the binding's, so the rewrite changes nothing else.
     */
    public static final String BINDING_SQL_TYPE = "OTHER";

    private static final JooqLogger log = JooqLogger.getLogger(DqliteDatabase.class);

    /** The user's tables (not views, not SQLite's own tables), as {@code m}. */
    private static final String USER_TABLES =
            "from sqlite_master m where m.type = 'table' and m.name not like 'sqlite!_%' escape '!'";

    private boolean defaultsAdded;
    private SchemaKeys keys;
    private Result<Record> ddl;
    private Map<String, Table<?>> declaredTables;

    /** Creates the database; jOOQ's code generator calls this. */
    public DqliteDatabase() {
    }

    /**
     * The default forced types (see the class comment), as new objects. The mojo does not need
     * them (the database adds them itself); they are public for users who build a configuration
     * for a different Database class and want the same mapping.
     */
    public static List<ForcedType> defaultForcedTypes() {
        return List.of(
                new ForcedType()
                        .withName(BINDING_SQL_TYPE)
                        .withUserType(OffsetDateTime.class.getName())
                        .withBinding(DqliteOffsetDateTimeBinding.class.getName())
                        .withIncludeTypes(TEMPORAL_TYPES)
                        .withPriority(Integer.MIN_VALUE),
                new ForcedType()
                        .withName(BINDING_SQL_TYPE)
                        .withUserType(LocalDate.class.getName())
                        .withBinding(DqliteLocalDateBinding.class.getName())
                        .withIncludeTypes(DATE_TYPES)
                        .withPriority(Integer.MIN_VALUE),
                new ForcedType()
                        .withName(BINDING_SQL_TYPE)
                        .withUserType(Boolean.class.getName())
                        .withBinding(DqliteBooleanBinding.class.getName())
                        .withIncludeTypes(BOOLEAN_TYPES)
                        .withPriority(Integer.MIN_VALUE));
    }

    /**
     * Lists the tables and views as {@link SQLiteDatabase} does, first adding the default forced
     * types: this is the first step of reading the schema, after GenerationTool has applied the
     * whole configuration (properties, the user's forced types) and before any column type is
     * resolved. Added this late they are also kept out of jOOQ's "unused forced types" warning.
     */
    @Override
    protected List<TableDefinition> getTables0() throws SQLException {
        addDefaultForcedTypes();
        List<TableDefinition> result = new ArrayList<>();
        for (TableDefinition t : super.getTables0()) {
            result.add(new DqliteTableDefinition(t.getSchema(), t.getName(), t.getComment(),
                    t.getTableOptions().type(), t.getSource()));
        }
        return result;
    }

    private void addDefaultForcedTypes() {
        if (defaultsAdded) {
            return;
        }
        defaultsAdded = true;
        String flag = getProperties() == null ? null : getProperties().getProperty(DEFAULT_FORCED_TYPES_PROPERTY);
        if (flag != null && "false".equalsIgnoreCase(flag.trim())) {
            log.info("dqlite default forced types switched off by " + DEFAULT_FORCED_TYPES_PROPERTY);
            return;
        }
        // The list is jOOQ's priority-sorted list: MIN_VALUE puts these after the user's own.
        getConfiguredForcedTypes().addAll(defaultForcedTypes());
    }

    // ---------------------------------------------------------------------------------------
    // Keys
    // ---------------------------------------------------------------------------------------

    @Override
    protected void loadPrimaryKeys(DefaultRelations relations) throws SQLException {
        for (TableKeys t : keys().tables.values()) {
            for (ColumnDefinition c : t.primaryKey) {
                relations.addPrimaryKey(t.primaryKeyName(), t.table, c);
            }
        }
    }

    @Override
    protected void loadUniqueKeys(DefaultRelations relations) throws SQLException {
        for (TableKeys t : keys().tables.values()) {
            for (UniqueKey uk : t.uniqueKeys) {
                for (ColumnDefinition c : uk.columns) {
                    relations.addUniqueKey(uk.name, t.table, c);
                }
            }
        }
    }

    @Override
    protected void loadForeignKeys(DefaultRelations relations) throws SQLException {
        for (TableKeys t : keys().tables.values()) {
            for (ForeignKey fk : t.foreignKeys) {
                for (int i = 0; i < fk.columns.size(); i++) {
                    relations.addForeignKey(fk.name, t.table, fk.columns.get(i),
                            fk.referencedKey, fk.referencedTable, fk.referencedColumns.get(i), true);
                }
            }
        }
    }

    /** Reads every table's keys once; jOOQ asks for PKs, UKs and FKs in three separate calls. */
    private SchemaKeys keys() throws SQLException {
        if (keys == null) {
            keys = readKeys();
        }
        return keys;
    }

    private SchemaKeys readKeys() throws SQLException {
        SchemaDefinition schema = getSchemata().get(0);
        SchemaKeys result = new SchemaKeys();

        // Primary keys: pk is the 1-based position of the column in the key, 0 for other columns.
        for (Record r : create().fetch("select m.name as t, p.name as c, p.pk as k "
                + fromUserTables("pragma_table_info(m.name) p")
                + " and p.pk > 0 order by m.name, p.pk")) {
            TableKeys t = result.table(this, schema, r.get("t", String.class));
            ColumnDefinition c = t == null ? null : t.table.getColumn(r.get("c", String.class), true);
            if (c != null) {
                t.primaryKey.add(c);
            }
        }

        // UNIQUE constraints of the table definitions (origin 'u'); CREATE UNIQUE INDEX (origin
        // 'c') stays an index, as in other databases, unless a foreign key needs it as its target.
        Map<String, List<Record>> uniqueIndexes = new LinkedHashMap<>();
        for (Record r : create().fetch("select m.name as t, il.name as i, il.origin as o, il.partial as p,"
                + " ii.name as c, ii.cid as cid "
                + fromUserTables("pragma_index_list(m.name) il, pragma_index_info(il.name) ii")
                + " and il.\"unique\" = 1 and il.origin in ('u', 'c') order by m.name, il.name, ii.seqno")) {
            uniqueIndexes.computeIfAbsent(r.get("t", String.class) + "\u0000" + r.get("i", String.class),
                    k -> new ArrayList<>()).add(r);
        }
        for (List<Record> rows : uniqueIndexes.values()) {
            Record first = rows.get(0);
            TableKeys t = result.table(this, schema, first.get("t", String.class));
            if (t == null || first.get("p", Integer.class) != 0) {
                continue; // a partial index is not a key
            }
            List<ColumnDefinition> columns = new ArrayList<>();
            for (Record r : rows) {
                ColumnDefinition c = r.get("cid", Integer.class) < 0 ? null : t.table.getColumn(r.get("c", String.class), true);
                if (c == null) {
                    columns = null; // an expression index is not a key jOOQ can express
                    break;
                }
                columns.add(c);
            }
            if (columns == null || sameColumns(columns, t.primaryKey)) {
                continue;
            }
            UniqueKey uk = new UniqueKey("u".equals(first.get("o", String.class))
                    ? t.uniqueKeyName(columns) : t.keyName("uk", columns), columns);
            if ("u".equals(first.get("o", String.class))) {
                if (t.uniqueKeys.stream().noneMatch(k -> sameColumns(k.columns, uk.columns))) {
                    t.uniqueKeys.add(uk);
                }
            } else {
                t.uniqueIndexes.add(uk);
            }
        }

        // Foreign keys: one row per column pair; id groups the pairs of one constraint and seq
        // orders them. "to" is NULL when the constraint names only the parent table, which means
        // the parent's primary key.
        Map<String, List<Record>> fkRows = new LinkedHashMap<>();
        for (Record r : create().fetch("select m.name as t, f.id as id, f.seq as seq, f.\"table\" as rt,"
                + " f.\"from\" as c, f.\"to\" as rc "
                + fromUserTables("pragma_foreign_key_list(m.name) f")
                + " order by m.name, f.id, f.seq")) {
            fkRows.computeIfAbsent(r.get("t", String.class) + "\u0000" + r.get("id", Integer.class),
                    k -> new ArrayList<>()).add(r);
        }
        fkLoop:
        for (List<Record> rows : fkRows.values()) {
            Record first = rows.get(0);
            TableKeys t = result.table(this, schema, first.get("t", String.class));
            TableKeys parent = result.table(this, schema, first.get("rt", String.class));
            if (t == null || parent == null) {
                log.info("Foreign key of " + first.get("t") + " to " + first.get("rt")
                        + " skipped: a table is excluded or missing");
                continue;
            }
            List<ColumnDefinition> columns = new ArrayList<>();
            List<ColumnDefinition> referenced = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Record r = rows.get(i);
                ColumnDefinition c = t.table.getColumn(r.get("c", String.class), true);
                String to = r.get("rc", String.class);
                ColumnDefinition rc = to != null ? parent.table.getColumn(to, true)
                        : i < parent.primaryKey.size() ? parent.primaryKey.get(i) : null;
                if (c == null || rc == null) {
                    log.info("Foreign key of " + t.table.getName() + " to " + parent.table.getName()
                            + " skipped: column " + (c == null ? r.get("c") : to) + " not found");
                    continue fkLoop;
                }
                columns.add(c);
                referenced.add(rc);
            }
            String target = parent.keyMatching(referenced);
            if (target == null) {
                log.info("Foreign key of " + t.table.getName() + " to " + parent.table.getName() + referenced
                        + " skipped: the referenced columns are not a primary or unique key");
                continue;
            }
            t.foreignKeys.add(new ForeignKey(t.foreignKeyName(columns), columns, target, parent.table, referenced));
        }
        return result;
    }

    /**
     * {@code from sqlite_master m, <functions> where <m is a user table>}: the table-valued
     * pragma functions joined to every user table, in one query instead of one per table.
     */
    private static String fromUserTables(String functions) {
        return USER_TABLES.replace("from sqlite_master m", "from sqlite_master m, " + functions);
    }

    static boolean sameColumns(List<ColumnDefinition> a, List<ColumnDefinition> b) {
        return a.size() == b.size() && a.containsAll(b);
    }

    /** Whether the declared key's fields are these columns, in any order (names compared as SQLite does). */
    static boolean sameNames(List<? extends org.jooq.Field<?>> fields, List<ColumnDefinition> columns) {
        if (fields.size() != columns.size()) {
            return false;
        }
        for (org.jooq.Field<?> f : fields) {
            if (columns.stream().noneMatch(c -> c.getName().equalsIgnoreCase(f.getName()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    // ---------------------------------------------------------------------------------------
    // Check constraints
    // ---------------------------------------------------------------------------------------

    /**
     * Check constraints, from jOOQ's parser and DDL interpreter run on the {@code CREATE TABLE}
     * texts, like {@link SQLiteDatabase} does, but on all tables at once: jOOQ interprets each
     * table's text alone, and the interpreter rejects a foreign key to a table it has not seen
     * ("Table does not exist"), so every table with a foreign key lost its checks. When the batch
     * cannot be interpreted (a statement jOOQ's parser does not know), each table is tried alone.
     */
    @Override
    protected void loadCheckConstraints(DefaultRelations relations) throws SQLException {
        DSLContext ctx = interpreterContext();
        SchemaDefinition schema = getSchemata().get(0);
        Map<String, Table<?>> interpreted = declaredTables();
        for (Record r : ddl()) {
            String name = r.get("t", String.class);
            TableDefinition table = getTable(schema, name, true);
            if (table == null) {
                continue;
            }
            Table<?> t = interpreted.get(name.toLowerCase(Locale.ROOT));
            if (t == null) {
                t = interpretAlone(ctx, name, r.get("s", String.class));
            }
            if (t == null) {
                continue;
            }
            for (Check<?> check : t.getChecks()) {
                relations.addCheckConstraint(table, new DefaultCheckConstraintDefinition(schema, table,
                        check.getName(), ctx.renderInlined(check.condition()), check.enforced()));
            }
        }
    }

    private DSLContext interpreterContext() {
        return create().configuration()
                .deriveSettings(s -> s.withInterpreterDelayForeignKeyDeclarations(true))
                .dsl();
    }

    private Result<Record> ddl() {
        if (ddl == null) {
            ddl = create().fetch("select m.name as t, m.sql as s " + USER_TABLES + " and m.sql is not null order by m.name");
        }
        return ddl;
    }

    /**
     * The user tables as jOOQ's parser and DDL interpreter read their {@code CREATE TABLE}
     * texts, all together, by lower-cased name (for check constraints and declared constraint
     * names); empty when the batch cannot be interpreted.
     */
    Map<String, Table<?>> declaredTables() {
        if (declaredTables == null) {
            DSLContext ctx = interpreterContext();
            Map<String, Table<?>> interpreted = new LinkedHashMap<>();
            try {
                List<Query> all = new ArrayList<>();
                for (Record r : ddl()) {
                    all.add(ctx.parser().parseQuery(r.get("s", String.class)));
                }
                for (Table<?> t : ctx.meta(all.toArray(new Query[0])).getTables()) {
                    interpreted.put(t.getName().toLowerCase(Locale.ROOT), t);
                }
            } catch (ParserException | DataDefinitionException e) {
                log.info("Cannot interpret the schema as a whole, reading checks table by table and naming keys"
                        + " synthetically: " + e.getMessage());
                interpreted.clear();
            }
            declaredTables = interpreted;
        }
        return declaredTables;
    }

    private static Table<?> interpretAlone(DSLContext ctx, String name, String sql) {
        try {
            List<Table<?>> tables = ctx.meta(ctx.parser().parseQuery(sql)).getTables(name);
            return tables.isEmpty() ? null : tables.get(0);
        } catch (ParserException | DataDefinitionException e) {
            log.info("Check constraints of " + name + " skipped: cannot interpret its CREATE TABLE: " + e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Indexes
    // ---------------------------------------------------------------------------------------

    /**
     * Indexes from {@code pragma_index_list} and {@code pragma_index_xinfo} (key columns only,
     * with their sort order). The automatic indexes behind PRIMARY KEY and UNIQUE constraints are
     * left out unless {@code <includeSystemIndexes>} is set; indexes on expressions are skipped
     * (jOOQ can only describe column indexes).
     */
    @Override
    protected List<IndexDefinition> getIndexes0() throws SQLException {
        SchemaDefinition schema = getSchemata().get(0);
        Map<String, List<Record>> byIndex = new LinkedHashMap<>();
        Result<Record> rows = create().fetch("select m.name as t, il.name as i, il.\"unique\" as u, il.origin as o,"
                + " ii.seqno as seqno, ii.cid as cid, ii.name as c, ii.\"desc\" as d "
                + fromUserTables("pragma_index_list(m.name) il, pragma_index_xinfo(il.name) ii")
                + " and ii.\"key\" = 1 order by m.name, il.name, ii.seqno");
        for (Record r : rows) {
            String origin = r.get("o", String.class);
            if (!getIncludeSystemIndexes() && ("pk".equals(origin) || "u".equals(origin))) {
                continue;
            }
            byIndex.computeIfAbsent(r.get("t", String.class) + "\u0000" + r.get("i", String.class),
                    k -> new ArrayList<>()).add(r);
        }

        List<IndexDefinition> result = new ArrayList<>();
        indexLoop:
        for (List<Record> columns : byIndex.values()) {
            Record first = columns.get(0);
            TableDefinition table = getTable(schema, first.get("t", String.class), true);
            if (table == null) {
                continue;
            }
            String indexName = first.get("i", String.class);
            List<ColumnDefinition> resolved = new ArrayList<>();
            for (Record r : columns) {
                ColumnDefinition c = r.get("cid", Integer.class) < 0 ? null : table.getColumn(r.get("c", String.class), true);
                if (c == null) {
                    log.info("Index " + indexName + " skipped: it is on an expression");
                    continue indexLoop;
                }
                resolved.add(c);
            }
            boolean unique = first.get("u", Integer.class) != 0;
            result.add(new AbstractIndexDefinition(schema, indexName, table, unique) {
                private final List<IndexColumnDefinition> indexColumns = new ArrayList<>();

                {
                    for (int i = 0; i < columns.size(); i++) {
                        boolean desc = columns.get(i).get("d", Integer.class) != 0;
                        indexColumns.add(new DefaultIndexColumnDefinition(this, resolved.get(i),
                                desc ? SortOrder.DESC : SortOrder.ASC, i + 1));
                    }
                }

                @Override
                protected List<IndexColumnDefinition> getIndexColumns0() {
                    return indexColumns;
                }
            });
        }
        return result;
    }

    // ---------------------------------------------------------------------------------------
    // The key model
    // ---------------------------------------------------------------------------------------

    /** Every table's keys, by lower-cased name (SQLite names are case-insensitive). */
    private static final class SchemaKeys {
        final Map<String, TableKeys> tables = new LinkedHashMap<>();

        /** The table's entry, or null when the table is not generated (excluded, a view, missing). */
        TableKeys table(DqliteDatabase db, SchemaDefinition schema, String name) {
            if (name == null) {
                return null;
            }
            String key = name.toLowerCase(Locale.ROOT);
            TableKeys t = tables.get(key);
            if (t == null) {
                TableDefinition def = db.getTable(schema, name, true);
                if (def == null) {
                    return null;
                }
                t = new TableKeys(def, db.declaredTables().get(key));
                tables.put(key, t);
            }
            return t;
        }
    }

    private static final class TableKeys {
        final TableDefinition table;
        final List<ColumnDefinition> primaryKey = new ArrayList<>();
        final List<UniqueKey> uniqueKeys = new ArrayList<>();
        /** Unique indexes that are not constraints: possible foreign key targets only. */
        final List<UniqueKey> uniqueIndexes = new ArrayList<>();
        final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<String> usedNames = new ArrayList<>();
        /** The table as jOOQ's DDL interpreter reads its CREATE TABLE, for declared constraint names; may be null. */
        private final Table<?> declared;
        private String primaryKeyName;

        TableKeys(TableDefinition table, Table<?> declared) {
            this.table = table;
            this.declared = declared;
        }

        String primaryKeyName() {
            if (primaryKeyName == null) {
                String name = declared == null || declared.getPrimaryKey() == null ? null
                        : declared.getPrimaryKey().getName();
                primaryKeyName = isBlank(name) ? "pk_" + table.getName() : name;
                usedNames.add(primaryKeyName);
            }
            return primaryKeyName;
        }

        /**
         * The name the DDL gives the unique constraint on these columns, or the synthetic
         * {@code uk_<table>_<columns>}.
         */
        String uniqueKeyName(List<ColumnDefinition> columns) {
            if (declared != null) {
                for (org.jooq.UniqueKey<?> k : declared.getUniqueKeys()) {
                    if (!isBlank(k.getName()) && sameNames(k.getFields(), columns)) {
                        return claim(k.getName());
                    }
                }
            }
            return keyName("uk", columns);
        }

        /**
         * The name the DDL gives the foreign key on these columns ({@code CONSTRAINT fk_x
         * FOREIGN KEY …} or a named column constraint), or the synthetic
         * {@code fk_<table>_<columns>}.
         */
        String foreignKeyName(List<ColumnDefinition> columns) {
            if (declared != null) {
                for (org.jooq.ForeignKey<?, ?> k : declared.getReferences()) {
                    if (!isBlank(k.getName()) && sameNames(k.getFields(), columns)) {
                        return claim(k.getName());
                    }
                }
            }
            return keyName("fk", columns);
        }

        private String claim(String name) {
            usedNames.add(name);
            return name;
        }

        /** {@code <prefix>_<table>_<col>_<col>}, made unique within the table. */
        String keyName(String prefix, List<ColumnDefinition> columns) {
            StringBuilder b = new StringBuilder(prefix).append('_').append(table.getName());
            for (ColumnDefinition c : columns) {
                b.append('_').append(c.getName());
            }
            String base = b.toString();
            String name = base;
            for (int n = 2; usedNames.contains(name); n++) {
                name = base + "_" + n;
            }
            usedNames.add(name);
            return name;
        }

        /**
         * The name of the key a foreign key to {@code columns} refers to: the primary key, a
         * unique constraint, or else a unique index, which then becomes a unique key (SQLite
         * accepts any unique index as a parent key, jOOQ needs a key).
         */
        String keyMatching(List<ColumnDefinition> columns) {
            if (sameColumns(columns, primaryKey)) {
                return primaryKeyName();
            }
            for (UniqueKey uk : uniqueKeys) {
                if (sameColumns(columns, uk.columns)) {
                    return uk.name;
                }
            }
            for (UniqueKey index : uniqueIndexes) {
                if (sameColumns(columns, index.columns)) {
                    uniqueKeys.add(index);
                    uniqueIndexes.remove(index);
                    return index.name;
                }
            }
            return null;
        }
    }

    private record UniqueKey(String name, List<ColumnDefinition> columns) {
    }

    private record ForeignKey(String name, List<ColumnDefinition> columns, String referencedKey,
            TableDefinition referencedTable, List<ColumnDefinition> referencedColumns) {
    }
}
