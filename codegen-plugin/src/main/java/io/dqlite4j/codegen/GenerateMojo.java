package io.dqlite4j.codegen;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.jooq.meta.jaxb.Generator;

/**
 * Generates jOOQ classes for a dqlite schema, read from a running cluster ({@code <url>}) or
 * from migration scripts applied to a throwaway local node ({@code <migrations>}), and adds the
 * output directory to the project's compile source roots.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.dqlite4j</groupId>
 *   <artifactId>dqlite-jooq-codegen-maven-plugin</artifactId>
 *   <executions><execution><goals><goal>generate</goal></goals></execution></executions>
 *   <configuration>
 *     <migrations><migration>src/main/resources/db/migration</migration></migrations>
 *     <generator><target><packageName>com.acme.db</packageName></target></generator>
 *   </configuration>
 * </plugin>
 * }</pre>
 *
 * <p>{@code <generator>} is jOOQ's usual generator element ({@code org.jooq.meta.jaxb.Generator}:
 * name, strategy, database with includes/excludes/forcedTypes, generate, target). Its
 * {@code <database><name>} defaults to {@link DqliteDatabase}. See {@link DqliteCodegen} for the
 * rules (output directory, up-to-date check, the throwaway node).
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /**
     * A running cluster to read the schema from: {@code jdbc:dqlite://host:port[,host:port...]/db}
     * or {@code dqlite://host:port/db}. Exclusive with {@code migrations}.
     */
    @Parameter(property = "dqlite-jooq.url")
    private String url;

    /**
     * SQL scripts, or directories of {@code *.sql} scripts (applied in name order), applied in
     * the given order to a throwaway local dqlite node. Exclusive with {@code url}.
     */
    @Parameter
    private List<File> migrations;

    /** jOOQ's generator configuration, as in jooq-codegen-maven. */
    @Parameter
    private Generator generator;

    /** Where the sources go unless {@code <generator><target><directory>} says otherwise. */
    @Parameter(property = "dqlite-jooq.targetDirectory",
            defaultValue = "${project.build.directory}/generated-sources/jooq")
    private File targetDirectory;

    /** Skips the goal (the output directory is still added as a source root). */
    @Parameter(property = "dqlite-jooq.skip", defaultValue = "false")
    private boolean skip;

    /** Regenerates even when the inputs did not change. */
    @Parameter(property = "dqlite-jooq.force", defaultValue = "false")
    private boolean force;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Creates the mojo; Maven calls this. */
    public GenerateMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        Generator gen = generator != null ? generator : new Generator();
        if (skip) {
            getLog().info("dqlite-jooq:generate skipped");
        } else {
            try (URLClassLoader loader = projectClassLoader()) {
                DqliteCodegen.builder()
                        .url(url)
                        .migrations(migrations == null ? null : migrations.stream().map(File::toPath).toList())
                        .generator(gen)
                        .basedir(project.getBasedir().toPath())
                        .targetDirectory(targetDirectory.toPath())
                        .classLoader(loader)
                        .info(getLog()::info)
                        .force(force)
                        .build()
                        .run();
            } catch (CodegenException e) {
                throw new MojoFailureException(e.getMessage(), e);
            } catch (IOException e) {
                throw new MojoExecutionException("cannot close the project class loader: " + e.getMessage(), e);
            }
        }
        // Always: a skipped or up-to-date run still needs the existing sources compiled.
        project.addCompileSourceRoot(DqliteCodegen.outputDirectory(gen, project.getBasedir().toPath(),
                targetDirectory.toPath()).toString());
    }

    /**
     * The project's compile classpath in front of the plugin's own classes, so that a generator
     * strategy or a Database subclass of the project (or of its dependencies) can be named in the
     * configuration, as with jOOQ's own plugin.
     */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("cannot build the project class path: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(new URL[0]), getClass().getClassLoader());
    }
}
