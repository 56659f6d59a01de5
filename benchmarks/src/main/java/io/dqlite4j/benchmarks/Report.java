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
 * <p>Given several files (one per round of {@code compare --repeat N}), it prints instead, per
 * workload and client, the median rate over the rounds and the median of the per-round ratios,
 * with their range: each round's ratio is taken against the best Go run of that same round.
 *
 * <p>usage: Report RESULTS_FILE [RESULTS_FILE ...]
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
        if (args.length == 0) {
            System.err.println("usage: Report RESULTS_FILE [RESULTS_FILE ...]");
            System.exit(2);
        }
        List<List<Row>> rounds = new ArrayList<>();
        for (String file : args) {
            rounds.add(read(Path.of(file)));
        }
        System.out.print(rounds.size() == 1 ? table(rounds.get(0)) : medians(rounds));
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                rows.add(new Row(m.group(1), m.group(2), Long.parseLong(m.group(3)), Double.parseDouble(m.group(4)),
                        Double.parseDouble(m.group(5))));
            }
        }
        return rows;
    }

    /** Per workload and client: median rate, and median (min–max) of the per-round ratios to that round's best Go. */
    static String medians(List<List<Row>> rounds) {
        Map<String, Map<String, List<Double>>> rates = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> ratios = new LinkedHashMap<>();
        List<String> clients = new ArrayList<>();
        for (List<Row> round : rounds) {
            Map<String, Double> bestGo = new LinkedHashMap<>();
            Map<String, Double> jdbc = new LinkedHashMap<>();
            for (Row r : round) {
                if (r.client().equals(GO)) {
                    bestGo.merge(r.workload(), r.opsPerS(), Math::max);
                } else if (r.client().equals("dqlite4j-jdbc")) {
                    jdbc.put(r.workload(), r.opsPerS());
                }
            }
            for (Row r : round) {
                String c = r.client();
                if (c.equals(GO)) {
                    continue;
                }
                if (!clients.contains(c)) {
                    clients.add(c);
                }
                rates.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>()).computeIfAbsent(c, k -> new ArrayList<>())
                        .add(r.opsPerS());
                Double go = bestGo.get(r.workload());
                if (go != null) {
                    ratios.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(c, k -> new ArrayList<>()).add(r.opsPerS() / go);
                }
                Double j = jdbc.get(r.workload());
                if (c.equals("dqlite4j-jooq") && j != null) {
                    ratios.computeIfAbsent(r.workload(), k -> new LinkedHashMap<>())
                            .computeIfAbsent("jooq÷jdbc", k -> new ArrayList<>()).add(r.opsPerS() / j);
                }
            }
            bestGo.forEach((w, v) -> rates.computeIfAbsent(w, k -> new LinkedHashMap<>())
                    .computeIfAbsent(GO, k -> new ArrayList<>()).add(v));
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d rounds; median ops/s, median ×Go (range)%n",
                rounds.size()));
        sb.append(String.format(Locale.ROOT, "%-24s %-10s", "workload", "go-dqlite"));
        for (String c : clients) {
            sb.append(String.format(Locale.ROOT, " | %-28s", c.replace("dqlite4j-", "")));
        }
        sb.append(" | jooq÷jdbc\n");
        for (String w : Options.WORKLOADS) {
            Map<String, List<Double>> r = rates.get(w);
            if (r == null) {
                continue;
            }
            Map<String, List<Double>> q = ratios.getOrDefault(w, Map.of());
            List<Double> go = r.get(GO);
            sb.append(String.format(Locale.ROOT, "%-24s %-10s", w, go == null ? "-" : fmt(median(go))));
            for (String c : clients) {
                List<Double> v = r.get(c);
                List<Double> x = q.get(c);
                String cell = v == null ? "-" : fmt(median(v)) + (x == null ? "" : String.format(Locale.ROOT,
                        " (%.2f× %.2f–%.2f)", median(x), min(x), max(x)));
                sb.append(String.format(Locale.ROOT, " | %-28s", cell));
            }
            List<Double> jj = q.get("jooq÷jdbc");
            sb.append(jj == null ? " | -" : String.format(Locale.ROOT, " | %.2f (%.2f–%.2f)", median(jj), min(jj), max(jj)));
            sb.append('\n');
        }
        return sb.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
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
