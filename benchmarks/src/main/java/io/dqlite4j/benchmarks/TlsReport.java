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
 * Compares the TLS run of benchmarks/compare with its plaintext run: per workload and client
 * (go-dqlite included, best of its runs in each mode), the rate over TLS and its ratio to the
 * same client in plaintext (TLS ÷ plain; 0.85 means 15 % slower over TLS).
 *
 * <p>With several rounds ({@code compare --repeat N}) each argument is a comma-separated list of
 * files, one per round: a client's rate in each mode is then the median of its per-round best.
 *
 * <p>usage: TlsReport PLAIN_RESULTS[,…] TLS_RESULTS[,…]
 */
public final class TlsReport {
    private static final Pattern LINE = Pattern.compile(
            "\\{\"client\":\"([^\"]+)\",\"workload\":\"([^\"]+)\",.*\"ops_per_s\":([-0-9.eE+]+)}");

    private TlsReport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TlsReport PLAIN_RESULTS TLS_RESULTS");
            System.exit(2);
        }
        Map<String, Map<String, Double>> plain = medianOfBest(args[0].split(","));
        Map<String, Map<String, Double>> tls = medianOfBest(args[1].split(","));
        List<String> clients = new ArrayList<>();
        tls.values().forEach(m -> m.keySet().forEach(c -> {
            if (!clients.contains(c)) {
                clients.add(c);
            }
        }));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-24s", "workload"));
        for (String c : clients) {
            sb.append(String.format(Locale.ROOT, " | %-26s", c.replace("dqlite4j-", "") + " TLS ops/s (×plain)"));
        }
        sb.append('\n');
        for (String w : Options.WORKLOADS) {
            Map<String, Double> t = tls.get(w);
            if (t == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-24s", w));
            for (String c : clients) {
                Double v = t.get(c);
                Double p = plain.getOrDefault(w, Map.of()).get(c);
                String cell = v == null ? "-" : String.format(Locale.ROOT, "%.0f", v)
                        + (p == null ? "" : String.format(Locale.ROOT, " (%.2f×)", v / p));
                sb.append(String.format(Locale.ROOT, " | %-26s", cell));
            }
            sb.append('\n');
        }
        System.out.print(sb);
    }

    /** workload → client → the median over the files of the client's best ops/s in each. */
    private static Map<String, Map<String, Double>> medianOfBest(String[] files) throws IOException {
        Map<String, Map<String, List<Double>>> all = new LinkedHashMap<>();
        for (String f : files) {
            best(Path.of(f)).forEach((w, byClient) -> byClient.forEach((c, v) ->
                    all.computeIfAbsent(w, k -> new LinkedHashMap<>()).computeIfAbsent(c, k -> new ArrayList<>()).add(v)));
        }
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        all.forEach((w, byClient) -> byClient.forEach((c, v) ->
                out.computeIfAbsent(w, k -> new LinkedHashMap<>()).put(c, Report.median(v))));
        return out;
    }

    /** workload → client → best ops/s in the file. */
    private static Map<String, Map<String, Double>> best(Path file) throws IOException {
        Map<String, Map<String, Double>> rates = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                rates.computeIfAbsent(m.group(2), k -> new LinkedHashMap<>())
                        .merge(m.group(1), Double.parseDouble(m.group(3)), Math::max);
            }
        }
        return rates;
    }
}
