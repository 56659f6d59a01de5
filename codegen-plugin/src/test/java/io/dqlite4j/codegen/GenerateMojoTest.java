package io.dqlite4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal as Maven sees it: parameters injected into the fields, input errors as
 * {@link MojoFailureException} ("BUILD FAILURE" with the message), the source root always added.
 */
class GenerateMojoTest {

    @TempDir
    Path dir;

    private MavenProject project;
    private GenerateMojo mojo;

    @BeforeEach
    void setUp() throws Exception {
        project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile()); // the base directory
        Build build = new Build();
        build.setOutputDirectory(dir.resolve("target/classes").toString());
        project.getModel().setBuild(build);
        mojo = new GenerateMojo();
        set("project", project);
        set("targetDirectory", dir.resolve("target/generated-sources/jooq").toFile());
        set("generator", new Generator().withTarget(new Target().withPackageName("mojo.test")));
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        var f = GenerateMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    private Path script(String name, String sql) throws IOException {
        Path p = dir.resolve("db").resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, sql);
    }

    @Test
    void bothIsABuildFailureSayingSo() throws Exception {
        set("url", "jdbc:dqlite://127.0.0.1:9001/app");
        set("migrations", List.of(script("V1.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);").toFile()));
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(DqliteCodegen.EXACTLY_ONE + "both");
    }

    @Test
    void neitherIsABuildFailureSayingSo() {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage(DqliteCodegen.EXACTLY_ONE + "neither");
    }

    @Test
    void aSyntaxErrorNamesFileAndStatement() throws Exception {
        script("V1__init.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY);\nINSERT INTO t VALUES (1,);\n");
        set("migrations", List.of(new File("db")));
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("migration db/V1__init.sql, statement 2 (INSERT INTO t VALUES (1,)): ")
                .hasMessageContaining("syntax error");
    }

    @Test
    void generatesAndAddsTheSourceRoot() throws Exception {
        script("V1__init.sql", "CREATE TABLE t (id INTEGER PRIMARY KEY, at DATETIME, ok BOOLEAN);");
        set("migrations", List.of(new File("db")));
        mojo.execute();
        Path out = dir.resolve("target/generated-sources/jooq");
        assertThat(out.resolve("mojo/test/tables/T.java")).exists();
        assertThat(project.getCompileSourceRoots()).containsExactly(out.toString());
    }

    @Test
    void skipStillAddsTheSourceRoot() throws Exception {
        set("skip", true);
        mojo.execute(); // no url, no migrations: skipping checks nothing
        assertThat(project.getCompileSourceRoots())
                .containsExactly(dir.resolve("target/generated-sources/jooq").toString());
    }
}
