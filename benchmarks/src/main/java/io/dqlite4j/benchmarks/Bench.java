package io.dqlite4j.benchmarks;

import io.dqlite4j.testkit.LocalCluster;
import java.math.BigDecimal;
import java.util.List;

/**
 * The benchmark harness: the Go reference harness's five workloads ({@code shared/bench/peer-go})
 * through the JDBC driver, jOOQ, the native client and R2DBC, against a running cluster
 * ({@code --servers}) or a local one it starts. Prints one JSON line per client × workload on
 * stdout in the Go harness's format; progress and checks go to stderr.
 *
 * <p>Per client: connect (untimed, as the Go harness's first DDL dials), run {@code --warmup}
 * untimed rounds of the sequence (its read workloads ten times each, for the JIT), then the
 * measured round. Before each timed workload the previous one's garbage is collected (untimed). Every round starts by dropping and
 * re-creating the tables its writing workloads fill, as the Go harness does, so point_select reads
 * what insert_autocommit wrote and scan what insert_tx_batch wrote.
 *
 * <p>Nothing is asserted about time. The only checks are about results (rows found, rows scanned)
 * and make the run fail, because a fast wrong answer is not a result.
 */
public final class Bench {
    private static final String KV_DDL = "CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT NOT NULL)";
    private static final String SCAN_DDL = "CREATE TABLE scan (id INTEGER PRIMARY KEY, name TEXT, score REAL, payload BLOB)";
    private static final String AB_DDL = "CREATE TABLE ab (id INTEGER PRIMARY KEY, name TEXT, score REAL, payload BLOB)";
    private static final String WIDE_DDL;

    static {
        StringBuilder ddl = new StringBuilder("CREATE TABLE wide (id INTEGER PRIMARY KEY");
        for (int k = 1; k < BenchClient.WIDE_COLUMNS; k++) {
            ddl.append(", c").append(k);
        }
        WIDE_DDL = ddl.append(')').toString();
    }
    /** Warm-up rounds scan at most this many rows, so that a 1M-row run does not insert 2M rows. */
    private static final int WARMUP_MAX_SCAN_ROWS = 100_000;
    /**
     * In a warm-up round the read workloads run this many times: they are cheap, and with the Go
     * harness's default n=2000 a few passes leave the JDBC/jOOQ call paths half compiled (measured:
     * 5.3k point selects/s after 3 passes, 21k after more). The writes are dominated by the server
     * and run once.
     */
    private static final int WARMUP_READ_REPEATS = 10;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        // jOOQ's banner and tips would be noise in the output.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        Options o = Options.parse(args);
        if (o == null) {
            return;
        }
        LocalCluster cluster = null;
        List<String> servers = o.servers;
        if (servers.isEmpty()) {
            log("starting a local cluster of " + o.clusterNodes + " nodes");
            cluster = LocalCluster.start(o.clusterNodes);
            servers = cluster.addresses();
        }
        int failures = 0;
        try {
            String hosts = String.join(",", servers);
            String query = o.urlParams.isEmpty() ? "" : "?" + o.urlParams;
            for (String kind : o.clients) {
                try {
                    runClient(o, kind, hosts, query);
                } catch (Exception e) {
                    failures++;
                    log(kind + " failed: " + e);
                    e.printStackTrace();
                }
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
        if (failures > 0) {
            System.exit(1);
        }
    }

    private static BenchClient open(String kind, Options o, String hosts, String query) throws Exception {
        String path = hosts + "/" + o.db + query;
        return switch (kind) {
            case "jdbc" -> new JdbcClient("jdbc:dqlite://" + path, o.batchSize);
            case "jooq" -> new JooqClient("jdbc:dqlite://" + path, o.batchSize);
            case "native" -> new NativeClient("dqlite://" + path, o.pipeline, true);
            case "native-netty" -> new NativeClient("dqlite://" + path, o.pipeline, false);
            case "r2dbc" -> new R2dbcClient("r2dbc:dqlite://" + path, o.batchSize);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static void runClient(Options o, String kind, String hosts, String query) throws Exception {
        try (BenchClient client = open(kind, o, hosts, query)) {
            for (int round = 0; round < o.warmup; round++) {
                log(client.name() + ": warm-up round " + (round + 1) + " of " + o.warmup);
                round(client, o, Math.min(o.scanRows, WARMUP_MAX_SCAN_ROWS), false);
            }
            round(client, o, o.scanRows, true);
            log(client.name() + ": done (checksum " + client.sink() + ")");
        }
    }

    /** One pass over the workloads, in the Go harness's order. */
    private static void round(BenchClient c, Options o, int scanRows, boolean report) throws Exception {
        // Like the Go harness: drop and re-create the tables first (untimed).
        c.execDdl("DROP TABLE IF EXISTS kv");
        c.execDdl(KV_DDL);
        if (o.want("insert_tx_batch")) {
            // Only when this round writes it: "--only scan" then scans an existing table (the 1M-row run).
            c.execDdl("DROP TABLE IF EXISTS scan");
            c.execDdl(SCAN_DDL);
        }
        if (o.want("insert_autocommit")) {
            long t = start();
            c.insertAutocommit(o.n);
            emit(report, c, "insert_autocommit", o.n, t);
        }
        if (o.want("insert_tx_batch")) {
            long t = start();
            c.insertTxBatch(scanRows);
            emit(report, c, "insert_tx_batch", scanRows, t);
        }
        int repeats = report ? 1 : WARMUP_READ_REPEATS;
        for (int rep = 0; rep < repeats && o.want("point_select"); rep++) {
            int rows = o.want("insert_autocommit") ? o.n : 0;
            long t = start();
            int found = c.pointSelect(o.n, rows);
            emit(report, c, "point_select", o.n, t);
            check(c, "point_select", found, rows == 0 ? 0 : o.n);
        }
        for (int rep = 0; rep < repeats && o.want("scan"); rep++) {
            long t = start();
            long count = c.scan();
            emit(report, c, "scan", count, t);
            if (o.want("insert_tx_batch")) {
                check(c, "scan", count, scanRows);
            }
        }
        for (int rep = 0; rep < repeats && o.want("point_select_concurrent"); rep++) {
            int per = o.n / o.concurrency;
            long t = start();
            int found = c.pointSelectConcurrent(o.n, o.concurrency);
            emit(report, c, "point_select_concurrent", (long) per * o.concurrency, t);
            check(c, "point_select_concurrent", found, o.want("insert_autocommit") ? per * o.concurrency : 0);
        }
        if (o.want("insert_autocommit_batch")) {
            c.execDdl("DROP TABLE IF EXISTS ab");
            c.execDdl(AB_DDL);
            long t = start();
            c.insertAutocommitBatch(o.n);
            emit(report, c, "insert_autocommit_batch", o.n, t);
        }
        if (o.want("insert_wide")) {
            c.execDdl("DROP TABLE IF EXISTS wide");
            c.execDdl(WIDE_DDL);
            long t = start();
            c.insertWide(o.n * 10);
            emit(report, c, "insert_wide", o.n * 10L, t);
        }
    }

    /** Collects the previous workload's garbage outside the timed region, then starts the clock. */
    private static long start() {
        System.gc();
        return System.nanoTime();
    }

    private static void emit(boolean report, BenchClient c, String workload, long ops, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String line = json(c.name(), workload, ops, seconds);
        if (report) {
            System.out.println(line);
            System.out.flush();
        } else {
            log("warm-up " + line);
        }
    }

    private static void check(BenchClient c, String workload, long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException(c.name() + " " + workload + ": expected " + expected + " rows, got " + got);
        }
    }

    /** The Go harness's line: {"client":…,"workload":…,"ops":…,"seconds":…,"ops_per_s":…}. */
    static String json(String client, String workload, long ops, double seconds) {
        return "{\"client\":\"" + client + "\",\"workload\":\"" + workload + "\",\"ops\":" + ops
                + ",\"seconds\":" + number(seconds) + ",\"ops_per_s\":" + number(ops / seconds) + "}";
    }

    /** A float as Go's encoding/json writes it: shortest form, no exponent in the usual range. */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "null";
        }
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.toBigInteger().toString() : d.toPlainString();
    }

    static void log(String msg) {
        System.err.println("[bench] " + msg);
    }
}
