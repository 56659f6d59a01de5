package io.dqlite4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON lines of one compare run (the Go harness's and ours) and prints, per workload,
 * the Go client's rate and each of our clients' rate with its ratio to Go (ours ÷ Go, higher is
 * better), and jOOQ's rate ÷ JDBC's. Workloads the Go harness does not run show "-" for Go. When the Go harness ran more than once (compare runs it before and after ours), every
 * Go rate is shown and the ratio is taken against the best of them: the conservative choice.
 *
 * <p>usage: Report RESULTS_FILE
 */
public final class Report {
    private static final Pattern LINE = Pattern.compile(
            "\\{\"client\":\"([^\"]+)\",\"workload\":\"([^\"]+)\",\"ops\":(\\d+),\"seconds\":([-0-9.eE+]+),"
                    + "\"ops_per_s\":([-0-9.eE+]+)}");
    private static final String GO = "go-dqlite";

    private Report() {
    }

    record Row(String client, String workload, long ops, double seconds, double opsPerS) {
    }

    public static void main(String[] args) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5))));
            }
        }
        System.out.print(table(rows));
    }

    static String table(List<Row> rows) {
        Map<String, List<Double>> go = new LinkedHashMap<>();
        Map<String, Map<String, Double>> ours = new LinkedHashMap<>();
        List<String> clients = new ArrayList<>();
        for (String w : Options.WORKLOADS) {
            go.put(w, new ArrayList<>());
            ours.put(w, new LinkedHashMap<>());
        }
        for (Row r : rows) {
            if (!go.containsKey(r.workload())) {
                continue;
            }
            if (r.client().equals(GO)) {
                go.get(r.workload()).add(r.opsPerS());
            } else {
                ours.get(r.workload()).put(r.client(), r.opsPerS());
                if (!clients.contains(r.client())) {
                    clients.add(r.client());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-22s", "workload", "go-dqlite ops/s"));
        for (String c : clients) {
            sb.append(String.format(Locale.ROOT, " | %-24s", c.replace("dqlite4j-", "") + " ops/s (×Go)"));
        }
        sb.append('\n');
        for (String w : Options.WORKLOADS) {
            List<Double> g = go.get(w);
            if (g.isEmpty() && ours.get(w).isEmpty()) {
                continue;
            }
            double best = g.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            StringBuilder goCell = new StringBuilder();
            for (double v : g) {
                goCell.append(goCell.length() > 0 ? "/" : "").append(fmt(v));
            }
            sb.append(String.format(Locale.ROOT, "%-24s %-22s", w, goCell.length() == 0 ? "-" : goCell));
            for (String c : clients) {
                Double v = ours.get(w).get(c);
                String cell = v == null ? "-" : fmt(v) + (Double.isNaN(best) ? "" : String.format(Locale.ROOT,
                        " (%.2f×)", v / best));
                sb.append(String.format(Locale.ROOT, " | %-24s", cell));
            }
            Double jdbc = ours.get(w).get("dqlite4j-jdbc");
            Double jooq = ours.get(w).get("dqlite4j-jooq");
            if (jdbc != null && jooq != null) {
                sb.append(String.format(Locale.ROOT, " | jooq÷jdbc %.2f", jooq / jdbc));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
