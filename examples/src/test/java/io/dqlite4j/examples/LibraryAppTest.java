package io.dqlite4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dqlite4j.testkit.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the example application end to end against a fresh local cluster, as {@code exec:java} does. */
class LibraryAppTest {

    @Test
    @Timeout(300)
    void runsToCompletionOnAFreshLocalCluster() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            LibraryApp.run(new String[0], out); // returns normally, or the test fails with its exception
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(printed + "\n(" + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s)");
        List<String> lines = printed.lines().toList();

        assertThat(lines).anyMatch(l -> l.contains("starting a local 3-node dqlite cluster"));
        assertThat(lines).anyMatch(l -> l.contains("applied V1__catalogue.sql (5 statements), V2__lending.sql (6 statements)"));
        assertThat(lines).anyMatch(l -> l.contains("Fiction > Science fiction"));
        assertThat(lines).anyMatch(l -> l.contains("ISBN 978-0-15-602760-1"));
        assertThat(lines).anyMatch(l -> l.startsWith("[retry") && l.contains("available=true"));
        assertThat(lines).anyMatch(l -> l.startsWith("[async") && l.contains("open loan"));
        assertThat(lines).anyMatch(l -> l.startsWith("[failover") && l.contains("killed"));
        assertThat(lines).contains(
                "SUMMARY catalogue: 5 books, 6 editions, 8 copies, 24 members, 1 open loans");
        assertThat(lines).anyMatch(l -> l.startsWith("SUMMARY transactions: loans #")
                && l.contains("edition 2 kept=true, edition 3 rolled back=true (UNIQUE constraint failed: edition.isbn")
                && l.contains("outer member Grace committed"));
        assertThat(lines).anyMatch(l -> l.matches("SUMMARY failover: leader \\S+ killed, new leader \\S+; 20/20 writes"
                + " committed .*"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("LIBRARY DEMO OK");
    }

    @Test
    @Timeout(300)
    void runsTwiceAgainstAnExistingCluster() throws Exception {
        try (LocalCluster cluster = LocalCluster.start(1)) {
            String first = runWith("--url", cluster.jdbcUrl("library"));
            assertThat(first).contains("applied V1__catalogue.sql").contains("SUMMARY failover: skipped")
                    .endsWith("LIBRARY DEMO OK" + System.lineSeparator());
            // The second run finds the schema in place and replaces the demo's rows.
            String second = runWith("--url", cluster.url("library"));
            assertThat(second).contains("[schema     ] up to date")
                    .contains("SUMMARY catalogue: 5 books, 6 editions, 8 copies, 4 members, 1 open loans")
                    .endsWith("LIBRARY DEMO OK" + System.lineSeparator());
        }
    }

    private static String runWith(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            LibraryApp.run(args, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsUnknownArguments() {
        assertThatThrownBy(() -> LibraryApp.run(new String[] {"--ulr", "x"}, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown argument '--ulr'");
    }
}
