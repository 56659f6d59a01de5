package io.dqlite4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against one real {@link LocalCluster}, started before the class's
 * first test and closed after its last one.
 *
 * <pre>{@code
 * @DqliteCluster(nodes = 3)
 * class MyTest {
 *     @Test
 *     void works(LocalCluster cluster) throws Exception {
 *         try (Connection c = DriverManager.getConnection(cluster.jdbcUrl())) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>The cluster is injected into any {@code LocalCluster} parameter of test methods, lifecycle
 * methods ({@code @BeforeAll}, {@code @BeforeEach}, ...) and constructors. {@code @Nested} classes
 * without their own annotation share the enclosing class's cluster.
 *
 * <p>The cluster is shared by every test of the class and is <em>not repaired</em> between tests:
 * a node that one test kills, pauses or stops stays that way for the tests that follow. Tests that
 * break nodes should start their own cluster ({@code try (LocalCluster c = LocalCluster.start(3))}).
 * The server generation is {@link ServerVersion#current()}.
 *
 * @see DqliteClusterExtension
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DqliteClusterExtension.class)
public @interface DqliteCluster {

    /** How many nodes to start: 1 or 3 are all voters, more give three voters, 2 give one voter and a spare. */
    int nodes() default 3;

    /** The database name of {@link LocalCluster#url()} and friends. */
    String database() default "default";

    /** The startup timeout in seconds (see {@link LocalCluster.Builder#startupTimeout}). */
    int startupTimeoutSeconds() default 60;

    /**
     * Whether the nodes serve mutual TLS ({@link LocalCluster.Builder#tls()}). On a server without
     * TLS (1.11) the class is skipped, saying why. TLS clusters run one at a time per host.
     */
    boolean tls() default false;
}
