package io.dqlite4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing and locating the server generation; no process is started. */
class ServerVersionTest {

    private final Map<String, String> saved = new HashMap<>();

    @BeforeEach
    void save() {
        for (String key : new String[] {ServerVersion.PROPERTY, ServerVersion.HOME_PROPERTY}) {
            saved.put(key, System.getProperty(key));
        }
    }

    @AfterEach
    void restore() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void labelsAndVersions() {
        assertThat(ServerVersion.V1_11.label()).isEqualTo("1.11");
        assertThat(ServerVersion.V1_11.version()).isEqualTo("1.11.1");
        assertThat(ServerVersion.V1_18.label()).isEqualTo("1.18");
        assertThat(ServerVersion.V1_18.version()).isEqualTo("1.18.1");
        assertThat(ServerVersion.V1_18).hasToString("dqlite 1.18.1");
        assertThat(ServerVersion.V1_18_7.label()).isEqualTo("1.18.7");
        assertThat(ServerVersion.V1_18_7.version()).isEqualTo("1.18.7");
    }

    @Test
    void theSystemPropertySelectsTheServer() {
        System.setProperty(ServerVersion.PROPERTY, "1.11");
        assertThat(ServerVersion.current()).isEqualTo(ServerVersion.V1_11);
        System.setProperty(ServerVersion.PROPERTY, "1.18");
        assertThat(ServerVersion.current()).isEqualTo(ServerVersion.V1_18);
        System.setProperty(ServerVersion.PROPERTY, " 1.11.1 ");
        assertThat(ServerVersion.current()).isEqualTo(ServerVersion.V1_11);
        System.setProperty(ServerVersion.PROPERTY, "1.18.7");
        assertThat(ServerVersion.current()).isEqualTo(ServerVersion.V1_18_7);
        System.setProperty(ServerVersion.PROPERTY, "v1_18_7");
        assertThat(ServerVersion.current()).isEqualTo(ServerVersion.V1_18_7);
    }

    @Test
    void blankOrUnsetFallsBackToTheEnvironmentThenToV118() {
        System.setProperty(ServerVersion.PROPERTY, "  ");
        String env = System.getenv(ServerVersion.ENV);
        ServerVersion expected = env == null || env.isBlank() ? ServerVersion.V1_18 : ServerVersion.of(env);
        assertThat(ServerVersion.current()).isEqualTo(expected);
    }

    @Test
    void anUnknownServerIsRejectedWithTheAllowedValues() {
        System.setProperty(ServerVersion.PROPERTY, "1.14");
        assertThatThrownBy(ServerVersion::current)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(ServerVersion.PROPERTY)
                .hasMessageContaining("'1.14'")
                .hasMessageContaining("1.11, 1.18");
    }

    @Test
    void launchersLiveUnderTheHomeBinDirectory(@TempDir Path home) throws Exception {
        System.setProperty(ServerVersion.HOME_PROPERTY, home.toString());
        assertThat(ServerVersion.home()).isEqualTo(home);
        assertThat(ServerVersion.V1_11.launcherPath()).isEqualTo(home.resolve("bin/dqlite-demo-1.11"));
        assertThat(ServerVersion.V1_18.launcherPath()).isEqualTo(home.resolve("bin/dqlite-demo-1.18"));

        Files.createDirectories(home.resolve("bin"));
        Path launcher = Files.writeString(home.resolve("bin/dqlite-demo-1.18"), "#!/bin/sh\n");
        assertThat(launcher.toFile().setExecutable(true)).isTrue();
        assertThat(ServerVersion.V1_18.isInstalled()).isTrue();
        assertThat(ServerVersion.V1_18.launcher()).isEqualTo(launcher);
    }

    @Test
    void aMissingLauncherSaysHowToInstallIt(@TempDir Path emptyHome) {
        System.setProperty(ServerVersion.HOME_PROPERTY, emptyHome.toString());
        assertThat(ServerVersion.V1_11.isInstalled()).isFalse();
        assertThatThrownBy(ServerVersion.V1_11::launcher)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dqlite 1.11.1 is not installed")
                .hasMessageContaining(emptyHome.resolve("bin/dqlite-demo-1.11").toString())
                .hasMessageContaining("scripts/install-dqlite.sh")
                .hasMessageContaining("as root");
    }

    @Test
    void startingAClusterWithoutTheServerFailsBeforeCreatingAnything(@TempDir Path emptyHome, @TempDir Path root) {
        System.setProperty(ServerVersion.HOME_PROPERTY, emptyHome.toString());
        assertThatThrownBy(() -> LocalCluster.builder().server(ServerVersion.V1_18).dataRoot(root.resolve("data")).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("scripts/install-dqlite.sh");
        assertThat(root.resolve("data")).doesNotExist();
    }
}
