package io.dqlite4j.codegen;

import io.dqlite4j.jdbc.DqliteDriver;
import io.dqlite4j.testkit.LocalCluster;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jooq.Constants;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;

/**
 * The work of the {@code dqlite-jooq:generate} goal, without Maven: reads a dqlite schema,
 * from a running cluster or from migration scripts applied to a throwaway local node, and runs
 * jOOQ's code generator on it with {@link DqliteDatabase}.
 *
 * <pre>{@code
 * DqliteCodegen.Outcome outcome = DqliteCodegen.builder()
 *         .migrations(List.of(Path.of("src/main/resources/db/migration")))
 *         .generator(new Generator().withTarget(new Target().withPackageName("com.acme.db")))
 *         .basedir(projectDir)
 *         .targetDirectory(projectDir.resolve("target/generated-sources/jooq"))
 *         .build()
 *         .run();
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Exactly one of {@link Builder#url(String)} and {@link Builder#migrations(List)}.</li>
 *   <li>The database class is {@link DqliteDatabase} when {@code <database><name>} is empty; a
 *       name given by the user is kept.</li>
 *   <li>The output goes to {@code <generator><target><directory>} when the user set it to
 *       something other than jOOQ's default ({@code target/generated-sources/jooq}), else to
 *       {@link Builder#targetDirectory(Path)}. Relative paths resolve against the base directory.</li>
 *   <li>Migrations are applied to a fresh one-node {@link LocalCluster} under a unique database
 *       name; the node is stopped and its data deleted afterwards, whatever happens.</li>
 *   <li>Up-to-date check: a SHA-256 fingerprint of the inputs is kept in
 *       {@value #FINGERPRINT_FILE} in the output directory. The inputs are the plugin's version
 *       (and, for a snapshot, its own classes), jOOQ's version, the generator configuration, and
 *       either every migration file's name and content or the live schema's
 *       {@code sqlite_master} rows. When the fingerprint is unchanged and the output directory
 *       still holds Java sources, generation is skipped ({@link Outcome#UP_TO_DATE}). Migrations
 *       are checked before any node is started, so an unchanged build costs no server.</li>
 * </ul>
 * Failures caused by the input are {@link CodegenException}s whose message says what is wrong.
 */
public final class DqliteCodegen {

    /** The file in the output directory that holds the inputs' fingerprint. */
    public static final String FINGERPRINT_FILE = ".dqlite-jooq-codegen.sha256";

    /** What {@link #run()} did. */
    public enum Outcome {
        /** The sources were generated. */
        GENERATED,
        /** Nothing changed since the last generation; the sources were left as they are. */
        UP_TO_DATE
    }

    /** The message for a configuration with both or neither source. */
    static final String EXACTLY_ONE = "configure exactly one of <url> (a running cluster) or <migrations>"
            + " (scripts applied to a throwaway local node); found ";

    private final String url;
    private final List<Path> migrations;
    private final Generator generator;
    private final Path basedir;
    private final Path targetDirectory;
    private final ClassLoader classLoader;
    private final Consumer<String> info;
    private final boolean force;

    private DqliteCodegen(Builder b) {
        this.url = b.url;
        this.migrations = b.migrations;
        this.generator = b.generator;
        this.basedir = b.basedir.toAbsolutePath().normalize();
        this.targetDirectory = b.targetDirectory;
        this.classLoader = b.classLoader;
        this.info = b.info;
        this.force = b.force;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the configuration, then generates (or finds the output up to date).
     *
     * @return what was done
     * @throws CodegenException when the input is wrong: both or neither of url/migrations, a URL
     *         that is not a dqlite URL or a cluster that cannot be reached, a missing or failing
     *         migration, a failure of jOOQ's generator
     */
    public Outcome run() throws CodegenException {
        boolean hasUrl = url != null && !url.isBlank();
        boolean hasMigrations = migrations != null && !migrations.isEmpty();
        if (hasUrl == hasMigrations) {
            throw new CodegenException(EXACTLY_ONE + (hasUrl ? "both" : "neither"));
        }
        Path target = prepareGenerator();
        return hasUrl ? fromCluster(jdbcUrl(url.trim()), target) : fromMigrations(target);
    }

    // ---- the two sources ----

    private Outcome fromCluster(String jdbcUrl, Path target) throws CodegenException {
        try (Connection c = connect(jdbcUrl)) {
            String fingerprint = fingerprint("url\n" + jdbcUrl + "\n" + schemaText(c, jdbcUrl));
            if (upToDate(target, fingerprint)) {
                return Outcome.UP_TO_DATE;
            }
            generate(c, target, fingerprint);
            return Outcome.GENERATED;
        } catch (SQLException e) {
            // Only close() can get here: connect and reads wrap their own failures.
            throw new CodegenException("closing the connection to " + jdbcUrl + " failed: " + e.getMessage(), e);
        }
    }

    private Outcome fromMigrations(Path target) throws CodegenException {
        List<Path> files = Migrations.resolve(migrations, basedir);
        StringBuilder inputs = new StringBuilder("migrations\n");
        for (Path f : files) {
            inputs.append(display(f)).append('\n').append(Migrations.read(f)).append("\n\u0000\n");
        }
        String fingerprint = fingerprint(inputs.toString());
        if (upToDate(target, fingerprint)) {
            return Outcome.UP_TO_DATE;
        }

        // A unique name, so that nothing of an earlier run can be mistaken for this schema.
        String database = "codegen_" + UUID.randomUUID().toString().replace("-", "");
        info.accept("starting a throwaway dqlite node for " + files.size()
                + (files.size() == 1 ? " migration" : " migrations"));
        LocalCluster cluster;
        try {
            cluster = LocalCluster.builder().nodes(1).database(database).start();
        } catch (RuntimeException e) {
            throw new CodegenException("cannot start a throwaway local dqlite node to apply the migrations to"
                    + " (run scripts/install-dqlite.sh, or configure <url> instead): " + e.getMessage(), e);
        }
        try {
            String jdbcUrl = cluster.jdbcUrl();
            try (Connection c = connect(jdbcUrl)) {
                int statements = Migrations.apply(c, files, this::display, info);
                info.accept("applied " + statements + " statements; generating");
                generate(c, target, fingerprint);
            } catch (SQLException e) {
                throw new CodegenException("closing the connection to the throwaway node failed: " + e.getMessage(), e);
            }
            return Outcome.GENERATED;
        } finally {
            cluster.close(); // kills the node and deletes its data, also after a failure
        }
    }

    // ---- jOOQ ----

    /**
     * Fills in what the user may leave out, and returns the output directory: the database
     * class, the output directory (absolute, so the result does not depend on the working
     * directory), and the target package's default.
     */
    private Path prepareGenerator() {
        Database database = generator.getDatabase();
        if (database == null) {
            database = new Database();
            generator.setDatabase(database);
        }
        if (database.getName() == null || database.getName().isBlank()) {
            database.setName(DqliteDatabase.class.getName());
        }
        Path dir = outputDirectory(generator, basedir, targetDirectory);
        Target t = generator.getTarget();
        if (t == null) {
            t = new Target();
            generator.setTarget(t);
        }
        t.setDirectory(dir.toString());
        return dir;
    }

    /**
     * The absolute output directory for a configuration: {@code <generator><target><directory>}
     * unless it is empty or jOOQ's default (a new {@link Target} starts with the default, so that
     * value cannot be told from "not set"), else {@code targetDirectory}; resolved against
     * {@code basedir}.
     */
    public static Path outputDirectory(Generator generator, Path basedir, Path targetDirectory) {
        String configured = generator.getTarget() == null ? null : generator.getTarget().getDirectory();
        Path dir = configured == null || configured.isBlank() || configured.equals(GenerationTool.DEFAULT_TARGET_DIRECTORY)
                ? targetDirectory
                : Path.of(configured);
        return basedir.toAbsolutePath().resolve(dir).normalize();
    }

    private void generate(Connection connection, Path target, String fingerprint) throws CodegenException {
        Configuration configuration = new Configuration()
                .withBasedir(basedir.toString())
                .withGenerator(generator);
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.setClassLoader(classLoader);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // jOOQ loads the generator, strategy and database classes through the context class
        // loader as well: make it the one that sees the project's classes.
        Thread.currentThread().setContextClassLoader(classLoader);
        try {
            tool.run(configuration);
        } catch (Exception e) {
            throw new CodegenException("jOOQ code generation failed: " + describe(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        try {
            Files.createDirectories(target);
            Files.writeString(target.resolve(FINGERPRINT_FILE), fingerprint + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CodegenException("cannot write " + target.resolve(FINGERPRINT_FILE) + ": " + e.getMessage(), e);
        }
    }

    // ---- connections ----

    /**
     * The JDBC form of a dqlite URL: {@code jdbc:dqlite://...} as is, {@code dqlite://...} with
     * {@code jdbc:} in front.
     */
    static String jdbcUrl(String url) throws CodegenException {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:dqlite://")) {
            return url;
        }
        if (lower.startsWith("dqlite://")) {
            return "jdbc:" + url;
        }
        throw new CodegenException("<url> " + url + " is not a dqlite URL: expected"
                + " jdbc:dqlite://host:port[,host:port...]/database or dqlite://host:port/database");
    }

    /**
     * Opens a connection with the driver itself (not DriverManager, which only sees drivers of
     * the class loader that loaded it, and in Maven that is not the plugin's) and checks that the
     * cluster answers.
     */
    private static Connection connect(String jdbcUrl) throws CodegenException {
        Connection c = null;
        try {
            c = new DqliteDriver().connect(jdbcUrl, new Properties());
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
                rs.next();
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new CodegenException("cannot reach the dqlite cluster at " + jdbcUrl + ": " + describe(e), e);
        }
    }

    /** The schema's definition text, for the fingerprint of a live cluster. */
    private static String schemaText(Connection c, String jdbcUrl) throws CodegenException {
        StringBuilder b = new StringBuilder();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select type, name, tbl_name, sql from sqlite_master order by type, name")) {
            while (rs.next()) {
                for (int i = 1; i <= 4; i++) {
                    b.append(rs.getString(i)).append('\u0001');
                }
                b.append('\n');
            }
        } catch (SQLException e) {
            throw new CodegenException("cannot read the schema of " + jdbcUrl + ": " + e.getMessage(), e);
        }
        return b.toString();
    }

    // ---- up-to-date check ----

    private boolean upToDate(Path target, String fingerprint) {
        if (force) {
            return false;
        }
        Path file = target.resolve(FINGERPRINT_FILE);
        try {
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).trim().equals(fingerprint)) {
                return false;
            }
            try (Stream<Path> all = Files.walk(target)) {
                if (all.noneMatch(p -> p.getFileName().toString().endsWith(".java"))) {
                    return false; // the sources were deleted: generate again
                }
            }
        } catch (IOException e) {
            return false;
        }
        info.accept("jOOQ sources in " + target + " are up to date");
        return true;
    }

    private String fingerprint(String sourceInputs) throws CodegenException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("dqlite-jooq-codegen " + pluginVersion() + "\njooq " + Constants.VERSION + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            sha.update(ownCode());
            // The JAXB beans print themselves as XML: every generator setting is in this text.
            sha.update(generator.toString().getBytes(StandardCharsets.UTF_8));
            sha.update(sourceInputs.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The plugin's version, from the resource the build filters. */
    static String pluginVersion() {
        try (InputStream in = DqliteCodegen.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * For a snapshot, a digest of the plugin's own classes (names and bytes, not the jar's
     * timestamps), so that a changed snapshot plugin regenerates and a merely rebuilt one does
     * not; empty for releases (the version says it all) or when the classes cannot be read.
     */
    private static byte[] ownCode() {
        if (!pluginVersion().endsWith("-SNAPSHOT")) {
            return new byte[0];
        }
        try {
            CodeSource source = DqliteCodegen.class.getProtectionDomain().getCodeSource();
            Path location = source == null ? null : Path.of(source.getLocation().toURI());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            if (location != null && Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile())) {
                    List<JarEntry> classes = jar.stream().filter(e -> e.getName().endsWith(".class"))
                            .sorted(Comparator.comparing(JarEntry::getName)).toList();
                    for (JarEntry e : classes) {
                        sha.update(e.getName().getBytes(StandardCharsets.UTF_8));
                        try (InputStream in = jar.getInputStream(e)) {
                            sha.update(in.readAllBytes());
                        }
                    }
                }
            } else if (location != null && Files.isDirectory(location)) {
                List<Path> classes;
                try (Stream<Path> all = Files.walk(location)) {
                    classes = all.filter(p -> p.toString().endsWith(".class")).sorted().toList();
                }
                for (Path p : classes) {
                    sha.update(location.relativize(p).toString().getBytes(StandardCharsets.UTF_8));
                    sha.update(Files.readAllBytes(p));
                }
            }
            return sha.digest();
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** A file as messages name it: relative to the base directory when it is inside it. */
    String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(basedir) ? basedir.relativize(abs).toString() : abs.toString();
    }

    /** The message of a failure and of its causes, without repeating a cause the message quotes. */
    static String describe(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (parts.stream().noneMatch(p -> p.contains(m))) {
                parts.add(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.join(": ", parts);
    }

    /**
     * Configures a {@link DqliteCodegen}. Required: a {@link #generator(Generator)}, and exactly
     * one of {@link #url(String)} and {@link #migrations(List)} (checked by {@link DqliteCodegen#run()}).
     */
    public static final class Builder {
        private String url;
        private List<Path> migrations;
        private Generator generator;
        private Path basedir = Path.of("");
        private Path targetDirectory = Path.of("target", "generated-sources", "jooq");
        private ClassLoader classLoader = DqliteCodegen.class.getClassLoader();
        private Consumer<String> info = s -> { };
        private boolean force;

        private Builder() {
        }

        /** A running cluster: {@code jdbc:dqlite://host:port[,host:port...]/db} or {@code dqlite://...}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Migration scripts: files, and directories whose {@code *.sql} files run in name order. */
        public Builder migrations(List<Path> migrations) {
            this.migrations = migrations == null ? null : List.copyOf(migrations);
            return this;
        }

        /**
         * jOOQ's generator configuration (the {@code <generator>} element). It is completed in
         * place: the database name, the target directory.
         */
        public Builder generator(Generator generator) {
            this.generator = Objects.requireNonNull(generator, "generator");
            return this;
        }

        /** The directory relative paths are resolved against (the Maven project's base directory). */
        public Builder basedir(Path basedir) {
            this.basedir = Objects.requireNonNull(basedir, "basedir");
            return this;
        }

        /** The output directory unless the generator's target names one; default {@code target/generated-sources/jooq}. */
        public Builder targetDirectory(Path targetDirectory) {
            this.targetDirectory = Objects.requireNonNull(targetDirectory, "targetDirectory");
            return this;
        }

        /** The class loader jOOQ loads generator, strategy and database classes from. */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /** Where progress lines go (the Maven log's info level). */
        public Builder info(Consumer<String> info) {
            this.info = Objects.requireNonNull(info, "info");
            return this;
        }

        /** Generate even when the fingerprint says the output is up to date. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** The configured code generation. */
        public DqliteCodegen build() {
            if (generator == null) {
                generator = new Generator();
            }
            return new DqliteCodegen(this);
        }
    }
}
