package io.dqlite4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input fails with a message that says exactly what is wrong. */
class BadInputTest {

    @TempDir
    Path dir;

    private DqliteCodegen.Builder codegen() {
        return DqliteCodegen.builder()
                .basedir(dir)
                .targetDirectory(dir.resolve("out"))
                .generator(new Generator().withTarget(new Target().withPackageName("bad.input")));
    }

    @Test
    void bothUrlAndMigrations() throws IOException {
        Path script = Files.writeString(dir.resolve("V1.sql"), "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        assertThatThrownBy(() -> codegen().url("jdbc:dqlite://127.0.0.1:9001/x").migrations(List.of(script)).build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessage("configure exactly one of <url> (a running cluster) or <migrations> (scripts applied"
                        + " to a throwaway local node); found both");
    }

    @Test
    void neitherUrlNorMigrations() {
        assertThatThrownBy(() -> codegen().build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessage("configure exactly one of <url> (a running cluster) or <migrations> (scripts applied"
                        + " to a throwaway local node); found neither");
        // An empty list is no migrations either.
        assertThatThrownBy(() -> codegen().migrations(List.of()).url(" ").build().run())
                .hasMessageEndingWith("found neither");
    }

    @Test
    void unreachableUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String url = "jdbc:dqlite://127.0.0.1:" + port + "/app";
        long started = System.nanoTime();
        assertThatThrownBy(() -> codegen().url(url).build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessageStartingWith("cannot reach the dqlite cluster at " + url + ": ");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void notADqliteUrl() {
        assertThatThrownBy(() -> codegen().url("jdbc:sqlite:/tmp/x.db").build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessageContaining("<url> jdbc:sqlite:/tmp/x.db is not a dqlite URL");
    }

    @Test
    void migrationWithASyntaxError() throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__ok.sql"), "CREATE TABLE a (id INTEGER PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V2__broken.sql"), """
                -- the second statement is misspelt
                CREATE TABLE b (id INTEGER PRIMARY KEY);
                CREATE TABEL c (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
                CREATE TABLE d (id INTEGER PRIMARY KEY);
                """);
        assertThatThrownBy(() -> codegen().migrations(List.of(Path.of("db/migration"))).build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessageStartingWith("migration db/migration/V2__broken.sql, statement 2"
                        + " (CREATE TABEL c (id INTEGER PRIMARY KEY, name TEXT NOT NULL)): ")
                .hasMessageContaining("syntax error");
    }

    @Test
    void missingMigration() {
        assertThatThrownBy(() -> codegen().migrations(List.of(Path.of("nope.sql"))).build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessage("migration " + dir.resolve("nope.sql") + " does not exist");
    }

    @Test
    void emptyMigrationsDirectory() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> codegen().migrations(List.of(Path.of("empty"))).build().run())
                .isInstanceOf(CodegenException.class)
                .hasMessage("the migrations directory " + dir.resolve("empty") + " holds no .sql file");
    }
}
