package io.dqlite4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line flags of {@link Bench}; the workload flags mean what they mean for the Go harness. */
final class Options {
    static final List<String> WORKLOADS = List.of(
            "insert_autocommit", "insert_tx_batch", "point_select", "scan", "point_select_concurrent",
            "insert_autocommit_batch", "insert_wide");
    static final List<String> CLIENTS = List.of("jdbc", "jooq", "native", "r2dbc", "native-netty");

    /** Node addresses of a running cluster; empty to start a local cluster. */
    List<String> servers = List.of();
    /** Nodes of the local cluster started when no servers are given. */
    int clusterNodes = 3;
    String db = "bench";
    int n = 2000;
    int scanRows = 100_000;
    int concurrency = 8;
    Set<String> only = new LinkedHashSet<>(WORKLOADS);
    List<String> clients = new ArrayList<>(CLIENTS.subList(0, 4));
    /** Untimed rounds of the whole workload sequence per client before the measured one. */
    int warmup = 1;
    /** Rows per executeBatch() (JDBC, jOOQ) or per Statement.execute() (R2DBC) inside the one transaction. */
    int batchSize = 10_000;
    /** Requests the native client keeps in flight in insert_tx_batch. */
    int pipeline = 1024;
    /** Extra URL query parameters, for example {@code statement_cache_size=0}. */
    String urlParams = "";

    static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value;
            int eq = flag.indexOf('=');
            if (eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            } else if (flag.equals("--help") || flag.equals("-h")) {
                usage(null);
                return null;
            } else {
                if (i + 1 >= args.length) {
                    usage("missing value for " + flag);
                }
                value = args[++i];
            }
            switch (flag.replaceFirst("^--?", "")) {
                case "servers" -> o.servers = split(value);
                case "cluster" -> o.clusterNodes = positive(flag, value);
                case "db" -> o.db = value;
                case "n" -> o.n = positive(flag, value);
                case "scan-rows" -> o.scanRows = positive(flag, value);
                case "concurrency" -> o.concurrency = positive(flag, value);
                case "only" -> {
                    o.only = new LinkedHashSet<>(split(value));
                    for (String w : o.only) {
                        if (!WORKLOADS.contains(w)) {
                            usage("unknown workload " + w + "; known: " + WORKLOADS);
                        }
                    }
                }
                case "clients" -> {
                    o.clients = split(value);
                    for (String c : o.clients) {
                        if (!CLIENTS.contains(c)) {
                            usage("unknown client " + c + "; known: " + CLIENTS);
                        }
                    }
                }
                case "warmup" -> o.warmup = Integer.parseInt(value);
                case "batch-size" -> o.batchSize = positive(flag, value);
                case "pipeline" -> o.pipeline = positive(flag, value);
                case "url-params" -> o.urlParams = value;
                default -> usage("unknown flag " + flag);
            }
        }
        return o;
    }

    boolean want(String workload) {
        return only.contains(workload);
    }

    private static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    private static int positive(String flag, String value) {
        int v = Integer.parseInt(value);
        if (v <= 0) {
            usage(flag + " must be > 0");
        }
        return v;
    }

    static void usage(String error) {
        String text = """
                usage: Bench [--servers h:p,h:p,...] [--cluster 3] [--db bench] [--n 2000] [--scan-rows 100000]
                             [--concurrency 8] [--only w1,w2] [--clients jdbc,jooq,native,r2dbc] [--warmup 1]
                             [--batch-size 10000] [--pipeline 1024] [--url-params k=v&k=v]
                  Runs the Go harness's workloads (insert_autocommit, insert_tx_batch, point_select, scan,
                  point_select_concurrent, in that order; then insert_autocommit_batch (--n rows in autocommit
                  batches of 100) and insert_wide (10 x --n rows of 24 columns in one transaction), which the Go
                  harness does not run) through each client and prints one JSON line per
                  client x workload: {"client":..,"workload":..,"ops":..,"seconds":..,"ops_per_s":..}.
                  Without --servers it starts a local cluster of --cluster nodes (the testkit's dqlite-demo).
                  --warmup N runs the whole sequence N times untimed per client first, its read workloads
                  ten times each (0 = cold JVM). --batch-size: rows per executeBatch()/execute() of
                  insert_tx_batch (one transaction either way); --pipeline: native client's requests in flight.
                """;
        if (error != null) {
            System.err.println("error: " + error);
            System.err.print(text);
            System.exit(2);
        }
        System.out.print(text);
    }
}
