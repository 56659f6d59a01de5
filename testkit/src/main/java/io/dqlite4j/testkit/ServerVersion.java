package io.dqlite4j.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The dqlite server generations the test suite runs against (see {@code docs/servers.md}).
 *
 * <p>Each generation is started through a launcher script that {@code scripts/install-dqlite.sh}
 * writes to {@code $DQLITE4J_HOME/bin} (default {@code /opt/dqlite4j/bin}). Which generation a test
 * run uses is chosen by {@link #current()}.
 */
public enum ServerVersion {
    /** dqlite 1.11.1: Debian bookworm's {@code go-dqlite} package, the old generation. */
    V1_11("1.11", "1.11.1"),
    /** dqlite 1.18.1: Debian trixie's {@code go-dqlite} 2.0.0, what users run today; the default. */
    V1_18("1.18", "1.18.1"),
    /**
     * dqlite 1.18.7: Debian forky's {@code go-dqlite} 3.0.4, the newest release. Unlike 1.18.1 it
     * keeps the socket open after "not leader", has {@code PRAGMA foreign_keys} on by default and
     * runs DML RETURNING through QUERY correctly (fixed in 1.18.3).
     */
    V1_18_7("1.18.7", "1.18.7");

    /** The system property that selects the server for a test run: {@code 1.11}, {@code 1.18} or {@code 1.18.7}. */
    public static final String PROPERTY = "dqlite.server";
    /** The environment variable read when {@link #PROPERTY} is not set. */
    public static final String ENV = "DQLITE4J_SERVER";
    /** The environment variable naming the install root of the servers (default {@code /opt/dqlite4j}). */
    public static final String HOME_ENV = "DQLITE4J_HOME";
    /**
     * A system property that overrides {@link #HOME_ENV}; mainly so that a test can point the
     * testkit at another root, since a running JVM cannot change its environment.
     */
    public static final String HOME_PROPERTY = "dqlite4j.home";

    private static final String DEFAULT_HOME = "/opt/dqlite4j";

    private final String label;
    private final String version;

    ServerVersion(String label, String version) {
        this.label = label;
        this.version = version;
    }

    /** The short name used in properties and launcher names: {@code "1.11"}, {@code "1.18"} or {@code "1.18.7"}. */
    public String label() {
        return label;
    }

    /** The exact libdqlite version: {@code "1.11.1"}, {@code "1.18.1"} or {@code "1.18.7"}. */
    public String version() {
        return version;
    }

    /**
     * The install root of the servers: system property {@value #HOME_PROPERTY}, else the
     * environment variable {@value #HOME_ENV}, else {@code /opt/dqlite4j}.
     */
    public static Path home() {
        String home = nonBlank(System.getProperty(HOME_PROPERTY));
        if (home == null) {
            home = nonBlank(System.getenv(HOME_ENV));
        }
        return Path.of(home == null ? DEFAULT_HOME : home);
    }

    /** Where this generation's launcher is expected, whether or not it is installed. */
    public Path launcherPath() {
        return home().resolve("bin").resolve("dqlite-demo-" + label);
    }

    /** Whether this generation's launcher is installed and executable. */
    public boolean isInstalled() {
        return Files.isExecutable(launcherPath());
    }

    /**
     * The launcher that starts one {@code dqlite-demo} node of this generation.
     *
     * @throws IllegalStateException if it is not installed, with the command that installs it
     */
    public Path launcher() {
        Path launcher = launcherPath();
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("dqlite " + version + " is not installed: no executable launcher at "
                    + launcher + ". Install the server generations by running scripts/install-dqlite.sh as root"
                    + " (for example: sudo scripts/install-dqlite.sh from the repository root); it installs into $"
                    + HOME_ENV + " (default " + DEFAULT_HOME + ").");
        }
        return launcher;
    }

    /**
     * The generation a test run uses: system property {@value #PROPERTY}, else the environment
     * variable {@value #ENV}, else {@link #V1_18}. Blank values count as unset.
     *
     * @throws IllegalArgumentException if the value names no known generation
     */
    public static ServerVersion current() {
        String value = nonBlank(System.getProperty(PROPERTY));
        String source = "system property " + PROPERTY;
        if (value == null) {
            value = nonBlank(System.getenv(ENV));
            source = "environment variable " + ENV;
        }
        if (value == null) {
            return V1_18;
        }
        try {
            return of(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The generation named {@code value}: its label ({@code "1.11"}), its full version
     * ({@code "1.11.1"}) or the constant's name ({@code "V1_11"}).
     *
     * @throws IllegalArgumentException if the value names no known generation
     */
    public static ServerVersion of(String value) {
        String v = value.trim();
        for (ServerVersion s : values()) {
            if (s.label.equals(v) || s.version.equals(v) || s.name().equals(v.toUpperCase(Locale.ROOT).replace('.', '_'))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown dqlite server '" + value + "'; expected one of "
                + Arrays.stream(values()).map(ServerVersion::label).collect(Collectors.joining(", ")));
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** {@code "dqlite 1.18.1"}. */
    @Override
    public String toString() {
        return "dqlite " + version;
    }
}
