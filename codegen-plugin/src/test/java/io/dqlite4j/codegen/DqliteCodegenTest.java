package io.dqlite4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ForeignKey;
import org.jooq.Index;
import org.jooq.Record;
import org.jooq.SortOrder;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UniqueKey;
import org.jooq.UpdatableRecord;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates code for a schema with every construct DqliteDatabase reads, from migration scripts
 * (a throwaway node) and from a running cluster, compiles the output, and uses it against the
 * cluster through {@link DqliteDSL}.
 */
@DqliteCluster(nodes = 1, database = "library")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DqliteCodegenTest {
    private static final String PKG = "test.library.db";

    @TempDir
    static Path work;

    static Path scripts;
    static Path fromMigrations;
    static Path fromUrl;
    static ClassLoader generated;

    @BeforeAll
    static void schema(LocalCluster cluster) throws Exception {
        scripts = Path.of(DqliteCodegenTest.class.getResource("/library").toURI());
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            Migrations.apply(c, Migrations.resolve(List.of(scripts), Path.of("")), Path::toString, s -> { });
        }
        fromMigrations = work.resolve("from-migrations");
        fromUrl = work.resolve("from-url");
    }

    static Generator generator() {
        return new Generator()
                .withGenerate(new Generate().withJavaTimeTypes(true))
                .withTarget(new Target().withPackageName(PKG));
    }

    @Test
    @Order(1)
    void generatesFromMigrationsAndIsUpToDateAfterwards() throws Exception {
        List<String> log = new ArrayList<>();
        DqliteCodegen.Outcome first = DqliteCodegen.builder()
                .migrations(List.of(scripts))
                .generator(generator())
                .targetDirectory(fromMigrations)
                .info(log::add)
                .build()
                .run();
        assertThat(first).isEqualTo(DqliteCodegen.Outcome.GENERATED);
        assertThat(log).anyMatch(l -> l.contains("V2__books.sql") && l.contains("statements"));
        assertThat(sources(fromMigrations)).containsKeys(
                "test/library/db/Keys.java", "test/library/db/Indexes.java", "test/library/db/Tables.java",
                "test/library/db/tables/AvailableBook.java", "test/library/db/tables/records/CopyRecord.java");

        // Same inputs: nothing to do, and no node is started for it.
        log.clear();
        DqliteCodegen.Outcome second = DqliteCodegen.builder()
                .migrations(List.of(scripts))
                .generator(generator())
                .targetDirectory(fromMigrations)
                .info(log::add)
                .build()
                .run();
        assertThat(second).isEqualTo(DqliteCodegen.Outcome.UP_TO_DATE);
        assertThat(log).noneMatch(l -> l.contains("throwaway"));

        // A different generator configuration is a different input.
        DqliteCodegen.Outcome third = DqliteCodegen.builder()
                .migrations(List.of(scripts))
                .generator(generator().withGenerate(new Generate().withJavaTimeTypes(true).withDaos(false)
                        .withComments(false)))
                .targetDirectory(fromMigrations)
                .build()
                .run();
        assertThat(third).isEqualTo(DqliteCodegen.Outcome.GENERATED);
    }

    @Test
    @Order(2)
    void generatesTheSameFromARunningCluster(LocalCluster cluster) throws Exception {
        DqliteCodegen.Outcome outcome = DqliteCodegen.builder()
                .url(cluster.url()) // the native form dqlite://...; the JDBC form works too
                .generator(generator())
                .targetDirectory(fromUrl)
                .build()
                .run();
        assertThat(outcome).isEqualTo(DqliteCodegen.Outcome.GENERATED);
        DqliteCodegen.Outcome again = DqliteCodegen.builder()
                .url(cluster.jdbcUrl())
                .generator(generator())
                .targetDirectory(fromUrl)
                .build()
                .run();
        // dqlite://... and jdbc:dqlite://... name the same cluster, and its schema did not change.
        assertThat(again).isEqualTo(DqliteCodegen.Outcome.UP_TO_DATE);

        // Regenerate the migrations output with the same configuration, then compare file by file.
        DqliteCodegen.builder().migrations(List.of(scripts)).generator(generator())
                .targetDirectory(fromMigrations).build().run();
        assertThat(sources(fromUrl)).isEqualTo(sources(fromMigrations));
    }

    @Test
    @Order(3)
    void generatedKeysDescribeTheSchema() throws Exception {
        String keys = sources(fromUrl).get("test/library/db/Keys.java");
        assertThat(keys)
                .contains("fk_copy_book_id_edition_no")       // composite FK
                .contains("fk_category_parent_id")            // self-FK
                .contains("fk_book_category_id")              // REFERENCES category (implicit PK)
                .contains("pk_edition")                       // composite PK
                .contains("book_title_author")          // composite UNIQUE
                .contains("\"uq_publisher_name\"")              // declared table constraint name
                .contains("\"uq_imprint_label\"")               // declared column constraint name
                .contains("\"fk_imprint_publisher\"");          // declared FK name
        assertThat(sources(fromUrl).get("test/library/db/tables/Publisher.java"))
                .contains("new DqliteLocalDateBinding()");
        String book = sources(fromUrl).get("test/library/db/tables/Book.java");
        assertThat(book)
                .contains("new DqliteOffsetDateTimeBinding()")
                .contains("new DqliteBooleanBinding()")
                .contains("identity(true)")
                .containsIgnoringCase("check");
    }

    @Test
    @Order(4)
    void compiledOutputWorksAgainstTheCluster(LocalCluster cluster) throws Exception {
        ClassLoader loader = compile(fromUrl);
        Class<?> tables = loader.loadClass(PKG + ".Tables");
        Table<?> author = table(tables, "AUTHOR");
        Table<?> category = table(tables, "CATEGORY");
        Table<?> book = table(tables, "BOOK");
        Table<?> edition = table(tables, "EDITION");
        Table<?> copy = table(tables, "COPY");
        Table<?> view = table(tables, "AVAILABLE_BOOK");

        // Metadata of the generated classes.
        assertThat(author.getIdentity()).as("AUTOINCREMENT identity").isNotNull();
        assertThat(category.getIdentity()).as("rowid alias identity").isNotNull();
        assertThat(edition.getPrimaryKey().getFields()).extracting(Field::getName)
                .containsExactly("book_id", "edition_no");
        ForeignKey<?, ?> copyFk = copy.getReferences().get(0);
        assertThat(copyFk.getFields()).extracting(Field::getName).containsExactly("book_id", "edition_no");
        assertThat(copyFk.getKey().getTable().getName()).isEqualTo("edition");
        assertThat(category.getReferences()).singleElement()
                .satisfies(fk -> assertThat(fk.getKey().getTable().getName()).isEqualTo("category"));
        assertThat(book.getReferences()).hasSize(2);
        assertThat(book.getKeys()).extracting(UniqueKey::getName).contains("book_title_author");
        assertThat(author.getKeys()).extracting(UniqueKey::getName).contains("uk_author_email");
        Index published = book.getIndexes().stream().filter(i -> i.getName().equals("book_published"))
                .findFirst().orElseThrow();
        assertThat(published.getFields().get(0).getOrder()).isEqualTo(SortOrder.DESC);
        assertThat(published.getUnique()).isFalse();
        assertThat(edition.getIndexes()).anySatisfy(i -> {
            assertThat(i.getName()).isEqualTo("edition_isbn");
            assertThat(i.getUnique()).isTrue();
        });
        assertThat(book.getChecks()).isNotEmpty();
        assertThat(copy.getChecks()).isNotEmpty();
        assertThat(view.getTableType().isView()).isTrue();
        assertThat(book.field("published_at").getType()).isEqualTo(OffsetDateTime.class);
        assertThat(book.field("available").getType()).isEqualTo(Boolean.class);
        assertThat(copy.field("acquired_at").getType()).isEqualTo(OffsetDateTime.class);
        assertThat(author.field("born").getType()).as("DATE, as jOOQ's SQLite generator maps it")
                .isEqualTo(java.time.LocalDate.class);
        Table<?> imprint = table(tables, "IMPRINT");
        assertThat(imprint.getReferences()).extracting(ForeignKey::getName).containsExactly("fk_imprint_publisher");
        assertThat(imprint.getKeys()).extracting(UniqueKey::getName).contains("uq_imprint_label");
        assertThat(table(tables, "PUBLISHER").getKeys()).extracting(UniqueKey::getName).contains("uq_publisher_name");

        // Records against the cluster.
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) {
            DSLContext ctx = DqliteDSL.using(c);
            UpdatableRecord<?> ursula = (UpdatableRecord<?>) ctx.newRecord(author);
            assertThat(ursula.getClass().getName()).isEqualTo(PKG + ".tables.records.AuthorRecord");
            set(ursula, "name", "Ursula K. Le Guin");
            set(ursula, "email", "ukl@example.org");
            ursula.store();
            Long authorId = ursula.get(author.field("id"), Long.class);
            assertThat(authorId).as("identity read back by store()").isNotNull();

            UpdatableRecord<?> sf = (UpdatableRecord<?>) ctx.newRecord(category);
            set(sf, "name", "Science fiction");
            sf.store();
            Long sfId = sf.get(category.field("id"), Long.class);
            assertThat(sfId).as("rowid alias read back by store()").isNotNull();

            OffsetDateTime publishedAt = OffsetDateTime.of(1969, 3, 1, 10, 30, 0, 0, ZoneOffset.ofHours(2));
            UpdatableRecord<?> darkness = (UpdatableRecord<?>) ctx.newRecord(book);
            // The generated typed setters exist and take the mapped types.
            darkness.getClass().getMethod("setTitle", String.class).invoke(darkness, "The Left Hand of Darkness");
            darkness.getClass().getMethod("setPublishedAt", OffsetDateTime.class).invoke(darkness, publishedAt);
            darkness.getClass().getMethod("setAvailable", Boolean.class).invoke(darkness, Boolean.TRUE);
            set(darkness, "author_id", authorId);
            set(darkness, "category_id", sfId);
            set(darkness, "pages", 304);
            darkness.store();
            Long bookId = darkness.get(book.field("id"), Long.class);

            Record back = ctx.selectFrom(book).where(book.field("id", Long.class).eq(bookId)).fetchSingle();
            Object at = back.get("published_at");
            assertThat(at).isInstanceOf(OffsetDateTime.class);
            assertThat(((OffsetDateTime) at).toInstant()).isEqualTo(publishedAt.toInstant());
            assertThat(back.get("available")).isInstanceOf(Boolean.class).isEqualTo(Boolean.TRUE);
            assertThat(back.getClass().getMethod("getPublishedAt").invoke(back)).isEqualTo(at);

            TableRecord<?> first = (TableRecord<?>) ctx.newRecord(edition);
            set(first, "book_id", bookId);
            set(first, "edition_no", 1);
            set(first, "isbn", "978-0-441-47812-5");
            first.insert();
            TableRecord<?> aCopy = (TableRecord<?>) ctx.newRecord(copy);
            set(aCopy, "book_id", bookId);
            set(aCopy, "edition_no", 1);
            set(aCopy, "acquired_at", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC));
            set(aCopy, "lost", false);
            aCopy.insert();
            Record copyBack = ctx.selectFrom(copy).fetchSingle();
            assertThat(copyBack.get("lost")).isEqualTo(Boolean.FALSE);

            // Navigating the composite FK from the generated record.
            @SuppressWarnings({"unchecked", "rawtypes"})
            Record parent = ((TableRecord) copyBack).fetchParent((ForeignKey) copyFk);
            assertThat(parent.get("isbn")).isEqualTo("978-0-441-47812-5");

            Record row = ctx.selectFrom(view).fetchSingle();
            assertThat(row.get("author")).isEqualTo("Ursula K. Le Guin");
        }
    }

    @Test
    @Order(5)
    void jooqsOwnGenerationToolUsesTheDatabaseByName(LocalCluster cluster) throws Exception {
        // What jooq-codegen-maven does with <jdbc> and <database><name>: no dqlite plugin involved.
        Path out = work.resolve("from-generation-tool");
        GenerationTool.generate(new Configuration()
                .withJdbc(new Jdbc().withDriver("io.dqlite4j.jdbc.DqliteDriver").withUrl(cluster.jdbcUrl()))
                .withGenerator(generator()
                        .withDatabase(new Database().withName("io.dqlite4j.codegen.DqliteDatabase"))
                        .withTarget(new Target().withPackageName(PKG).withDirectory(out.toString()))));
        assertThat(sources(out)).isEqualTo(sources(fromUrl));
    }

    @Test
    @Order(6)
    void usersForcedTypesWin(LocalCluster cluster) throws Exception {
        Path out = work.resolve("user-forced-types");
        DqliteCodegen.builder()
                .url(cluster.jdbcUrl())
                .generator(generator().withDatabase(new Database().withForcedTypes(new ForcedType()
                        .withName("OTHER")
                        .withUserType("java.time.Instant")
                        .withBinding("io.dqlite4j.jooq.binding.DqliteInstantBinding")
                        .withIncludeExpression("copy\\.acquired_at"))))
                .targetDirectory(out)
                .build()
                .run();
        String copy = sources(out).get("test/library/db/tables/Copy.java");
        assertThat(copy).contains("TableField<CopyRecord, Instant> ACQUIRED_AT")
                .contains("new DqliteInstantBinding()")
                .contains("TableField<CopyRecord, Boolean> LOST"); // the default still applies elsewhere
        ClassLoader loader = compile(out);
        Table<?> t = table(loader.loadClass(PKG + ".Tables"), "COPY");
        assertThat(t.field("acquired_at").getType()).isEqualTo(java.time.Instant.class);
    }

    // ---- helpers ----

    @SuppressWarnings("unchecked")
    private static void set(Record r, String column, Object value) {
        Field<Object> f = (Field<Object>) r.field(column);
        r.set(f, f.getDataType().convert(value));
    }

    private static Table<?> table(Class<?> tables, String name) throws ReflectiveOperationException {
        return (Table<?>) tables.getField(name).get(null);
    }

    /** Every .java file under {@code dir}, by relative path, with its content. */
    /**
     * jOOQ's own SQLite code generator ({@code org.jooq.meta.sqlite.SQLiteDatabase}), run over the
     * dqlite driver on the same schema, gives the same names for the declared constraints and the
     * same Java type for DATE columns.
     */
    @Test
    @Order(5)
    void declaredConstraintNamesAndDateTypesMatchJooqsSqliteGenerator(LocalCluster cluster) throws Exception {
        Path jooqs = work.resolve("from-jooq-sqlite");
        GenerationTool.generate(new Configuration()
                .withJdbc(new Jdbc().withDriver("io.dqlite4j.jdbc.DqliteDriver").withUrl(cluster.jdbcUrl()))
                .withGenerator(generator()
                        .withDatabase(new Database().withName("org.jooq.meta.sqlite.SQLiteDatabase"))
                        .withTarget(new Target().withPackageName(PKG).withDirectory(jooqs.toString()))));
        Map<String, String> theirs = sources(jooqs);
        Map<String, String> ours = sources(fromUrl);
        java.util.regex.Pattern key = java.util.regex.Pattern.compile(
                "(?:UniqueKey|ForeignKey)<[^=]*?> (\\w+) =");
        java.util.function.Function<String, java.util.Set<String>> constants = src -> {
            java.util.Set<String> names = new java.util.TreeSet<>();
            java.util.regex.Matcher m = key.matcher(src);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        };
        // Declared names, and pk_<table> for primary keys, as both generators name them.
        java.util.Set<String> declared = java.util.Set.of("BOOK__BOOK_TITLE_AUTHOR", "PUBLISHER__UQ_PUBLISHER_NAME",
                "IMPRINT__UQ_IMPRINT_LABEL", "IMPRINT__FK_IMPRINT_PUBLISHER", "BOOK__PK_BOOK", "PUBLISHER__PK_PUBLISHER");
        java.util.Set<String> theirKeys = constants.apply(theirs.get("test/library/db/Keys.java"));
        java.util.Set<String> ourKeys = constants.apply(ours.get("test/library/db/Keys.java"));
        assertThat(theirKeys).containsAll(declared);
        assertThat(ourKeys).containsAll(declared);
        java.util.Set<String> onlyTheirs = new java.util.TreeSet<>(theirKeys);
        onlyTheirs.removeAll(ourKeys);
        java.util.Set<String> onlyOurs = new java.util.TreeSet<>(ourKeys);
        onlyOurs.removeAll(theirKeys);
        // Unnamed UNIQUE constraints: jOOQ names them uk_<table>_<hash>, we uk_<table>_<columns>.
        assertThat(onlyTheirs).allMatch(k -> k.matches("\\w+__UK_\\w+_\\d+"));
        assertThat(onlyOurs).allMatch(k -> k.contains("__UK_"));
        System.out.println("key constants only jOOQ's SQLite generator makes: " + onlyTheirs + "; only ours: " + onlyOurs);
        java.util.regex.Pattern founded = java.util.regex.Pattern.compile("TableField<PublisherRecord, (\\w+)> FOUNDED");
        java.util.regex.Matcher theirType = founded.matcher(theirs.get("test/library/db/tables/Publisher.java"));
        java.util.regex.Matcher ourType = founded.matcher(ours.get("test/library/db/tables/Publisher.java"));
        assertThat(theirType.find()).isTrue();
        assertThat(ourType.find()).isTrue();
        assertThat(ourType.group(1)).isEqualTo(theirType.group(1)).isEqualTo("LocalDate");
    }

    static Map<String, String> sources(Path dir) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList())) {
                result.put(dir.relativize(p).toString().replace(File.separatorChar, '/'), Files.readString(p));
            }
        }
        return result;
    }

    /** Compiles the generated sources against the test class path and loads them. */
    static ClassLoader compile(Path sources) throws IOException, URISyntaxException {
        Path classes = Files.createDirectories(work.resolve("classes-" + sources.getFileName()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<Path> files;
        try (Stream<Path> all = Files.walk(sources)) {
            files = all.filter(f -> f.toString().endsWith(".java")).collect(Collectors.toList());
        }
        // Surefire runs tests from a manifest-only jar: its real class path is in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            boolean ok = javac.getTask(out, fm, null,
                    List.of("--release", "17", "-proc:none", "-classpath", classpath, "-d", classes.toString()),
                    null, units).call();
            assertThat(ok).as("generated sources compile:\n%s", out).isTrue();
        }
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, DqliteCodegenTest.class.getClassLoader());
    }
}
