package io.dqlite4j.testkit;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link DqliteCluster @DqliteCluster}: one {@link LocalCluster} per
 * test class, injected into {@code LocalCluster} parameters.
 *
 * <p>The cluster is started in {@code beforeAll} (so before the class's {@code @BeforeAll}
 * methods) and kept in the class's {@link ExtensionContext.Store}, which closes it when the class is
 * done, whatever the outcome. Registered directly with {@code @ExtendWith} and no annotation, it
 * starts the annotation's defaults (3 nodes).
 *
 * <p>It does not repair nodes between tests; see {@link DqliteCluster}.
 */
public final class DqliteClusterExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(DqliteClusterExtension.class);
    private static final String KEY = "cluster";

    /** Used by JUnit. */
    public DqliteClusterExtension() {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<DqliteCluster> config = AnnotationSupport.findAnnotation(testClass, DqliteCluster.class);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // Store lookups fall through to the enclosing class's store: a @Nested class without its own
        // annotation reuses the enclosing cluster instead of starting another one.
        if (config.isEmpty() && store.get(KEY) != null) {
            return;
        }
        LocalCluster.Builder builder = LocalCluster.builder();
        config.ifPresent(c -> builder.nodes(c.nodes())
                .database(c.database())
                .startupTimeout(Duration.ofSeconds(c.startupTimeoutSeconds())));
        if (config.isPresent() && config.get().tls()) {
            if (!LocalCluster.servesTls(ServerVersion.current())) {
                throw new org.opentest4j.TestAbortedException("dqlite " + ServerVersion.current().version()
                        + " does not serve TLS (1.18 and newer do)");
            }
            builder.tls();
        }
        store.put(KEY, new ClusterResource(builder.start()));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ClusterResource resource = extensionContext.getStore(NAMESPACE).get(KEY, ClusterResource.class);
        if (resource == null) {
            throw new ParameterResolutionException("no LocalCluster for " + parameterContext.getParameter()
                    + ": the cluster is started per test class; annotate the class with @DqliteCluster");
        }
        return resource.cluster;
    }

    /** Lets JUnit close the cluster with the class's store. */
    private static final class ClusterResource implements ExtensionContext.Store.CloseableResource {
        private final LocalCluster cluster;

        ClusterResource(LocalCluster cluster) {
            this.cluster = cluster;
        }

        @Override
        public void close() {
            cluster.close();
        }
    }
}
