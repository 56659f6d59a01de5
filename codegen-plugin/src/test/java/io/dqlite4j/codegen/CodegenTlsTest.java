package io.dqlite4j.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.dqlite4j.testkit.LocalCluster;
import io.dqlite4j.testkit.ServerVersion;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.maven.model.Build;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal's {@code <url>} reaching a cluster that serves mutual TLS: the keys ride on the URL
 * (the testkit's generated certificate), the schema is read over TLS, and a URL without them
 * fails the build with the connection error instead of hanging. TLS clusters are serialized by
 * the testkit, across JVMs too, so this class may run beside the other TLS suites.
 */
@Timeout(180)
class CodegenTlsTest {
    private static LocalCluster cluster;

    @TempDir
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        assumeThat(LocalCluster.servesTls(ServerVersion.current()))
                .as("dqlite " + ServerVersion.current().version() + " does not serve TLS (1.18 and newer do)").isTrue();
        cluster = LocalCluster.builder().nodes(1).database("shop").tls().start();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL, joined DATE)");
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Generator generator(String pkg) {
        return new Generator().withTarget(new Target().withPackageName(pkg));
    }

    @Test
    void generatesFromANativeTlsUrl() throws Exception {
        assertThat(cluster.url()).contains("tls_cert=").contains("tls_key=");
        Path out = work.resolve("native");
        DqliteCodegen.Outcome outcome = DqliteCodegen.builder()
                .url(cluster.url())
                .generator(generator("tls.shop"))
                .targetDirectory(out)
                .build()
                .run();
        assertThat(outcome).isEqualTo(DqliteCodegen.Outcome.GENERATED);
        assertThat(Files.readString(out.resolve("tls/shop/tables/Customer.java")))
                .contains("NAME").contains("JOINED");
    }

    @Test
    void theGoalsUrlCarriesTheTlsKeys() throws Exception {
        Path base = work.resolve("mojo");
        MavenProject project = new MavenProject();
        project.setFile(base.resolve("pom.xml").toFile());
        Build build = new Build();
        build.setOutputDirectory(base.resolve("target/classes").toString());
        project.getModel().setBuild(build);
        GenerateMojo mojo = new GenerateMojo();
        set(mojo, "project", project);
        set(mojo, "targetDirectory", base.resolve("target/generated-sources/jooq").toFile());
        set(mojo, "generator", generator("mojo.tls"));
        set(mojo, "url", cluster.jdbcUrl());
        mojo.execute();
        assertThat(base.resolve("target/generated-sources/jooq/mojo/tls/tables/Customer.java")).exists();
    }

    @Test
    void aUrlWithoutTheKeysFailsTheBuildWithTheConnectionError() throws Exception {
        String plaintext = "jdbc:dqlite://" + cluster.addresses().get(0) + "/shop?max_attempts=1&dial_timeout=3&timeout=3";
        Path base = work.resolve("plain");
        MavenProject project = new MavenProject();
        project.setFile(base.resolve("pom.xml").toFile());
        GenerateMojo mojo = new GenerateMojo();
        set(mojo, "project", project);
        set(mojo, "targetDirectory", base.resolve("out").toFile());
        set(mojo, "generator", generator("plain.tls"));
        set(mojo, "url", plaintext);
        long start = System.nanoTime();
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("cannot reach the dqlite cluster")
                .hasMessageContaining(cluster.addresses().get(0));
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds: bounded by the URL's budgets").isLessThan(30);
        assertThat(base.resolve("out/plain")).doesNotExist();
    }

    private static void set(GenerateMojo mojo, String field, Object value) throws ReflectiveOperationException {
        Field f = GenerateMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }
}
