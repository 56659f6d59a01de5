package io.dqlite4j.testkit;

import io.dqlite4j.wire.NodeInfo;
import io.dqlite4j.wire.NodeRole;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only {@link AdminProbe} that asks go-dqlite's own shell ({@code dqlite -s ... .cluster}),
 * which the server packages install next to {@code dqlite-demo}.
 *
 * <p>It lets the testkit's process handling and waiting logic run against real servers before the
 * project's native client exists, and keeps the process-level tests independent of that client.
 * It cannot transfer leadership (the shell has no such command).
 */
final class ShellProbe implements AdminProbe {

    static final Path SHELL = Path.of("/usr/bin/dqlite");
    private static final Pattern MEMBER = Pattern.compile("^([0-9a-fA-F]+)\\|([^|]+)\\|(\\S+)$");
    private static final Pattern ADDRESS = Pattern.compile("^[0-9.]+:[0-9]+$");

    private final Supplier<List<String>> liveAddresses;
    private final String database;

    ShellProbe(Supplier<List<String>> liveAddresses, String database) {
        this.liveAddresses = liveAddresses;
        this.database = database;
    }

    static boolean available() {
        return Files.isExecutable(SHELL);
    }

    @Override
    public List<NodeInfo> cluster(Duration timeout) throws Exception {
        List<NodeInfo> members = new ArrayList<>();
        for (String line : run(".cluster", timeout)) {
            Matcher m = MEMBER.matcher(line);
            if (m.matches()) {
                members.add(new NodeInfo(Long.parseUnsignedLong(m.group(1), 16), m.group(2), role(m.group(3))));
            }
        }
        if (members.isEmpty()) {
            throw new IOException("the shell listed no member");
        }
        return members;
    }

    @Override
    public NodeInfo leader(Duration timeout) throws Exception {
        for (String line : run(".leader", timeout)) {
            if (ADDRESS.matcher(line).matches()) {
                return new NodeInfo(0, line, NodeRole.VOTER);
            }
        }
        throw new IOException("the shell named no leader");
    }

    @Override
    public void transferLeadership(long id, Duration timeout) {
        throw new UnsupportedOperationException("the dqlite shell cannot transfer leadership");
    }

    @Override
    public void close() {
    }

    private static NodeRole role(String name) throws IOException {
        switch (name) {
            case "voter":
                return NodeRole.VOTER;
            case "stand-by":
            case "standby":
                return NodeRole.STANDBY;
            case "spare":
                return NodeRole.SPARE;
            default:
                throw new IOException("unknown role " + name);
        }
    }

    /** Runs one shell command; the shell retries forever when nobody leads, so it is bounded here. */
    private List<String> run(String command, Duration timeout) throws Exception {
        List<String> seeds = liveAddresses.get();
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no live node to ask");
        }
        Path out = Files.createTempFile("dqlite-shell-", ".out");
        try {
            Process p = new ProcessBuilder(SHELL.toString(), "-s", String.join(",", seeds), database, command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new TimeoutException("dqlite shell " + command + " did not answer within " + timeout);
            }
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
            if (p.exitValue() != 0) {
                throw new IOException("dqlite shell " + command + " failed: " + String.join(" / ", lines));
            }
            return lines;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
