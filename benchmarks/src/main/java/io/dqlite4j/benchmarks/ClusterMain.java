package io.dqlite4j.benchmarks;

import io.dqlite4j.testkit.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts a local cluster (the testkit's dqlite-demo nodes) for benchmarks/compare, writes its
 * comma-separated addresses to the file given as first argument, and keeps it up until stdin
 * closes or the process is terminated; then the nodes are killed and their data deleted.
 *
 * <p>With {@code --tls} the nodes serve mutual TLS (a generated cluster certificate) and, before
 * the addresses, {@code ADDRESSES_FILE.tls} gets three lines: the certificate file, the key file
 * and the URL parameters that reach the cluster.
 *
 * <p>usage: ClusterMain ADDRESSES_FILE [NODES] [--tls]
 */
public final class ClusterMain {
    private ClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ClusterMain ADDRESSES_FILE [NODES] [--tls]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean tls = args.length > 2 && args[2].equals("--tls");
        LocalCluster.Builder builder = LocalCluster.builder().nodes(nodes);
        LocalCluster cluster = (tls ? builder.tls() : builder).start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "cluster-close"));
        String addresses = String.join(",", cluster.addresses());
        if (tls) {
            io.dqlite4j.testkit.TlsFiles files = cluster.tls().orElseThrow();
            Files.writeString(out.resolveSibling(out.getFileName() + ".tls"), files.certificate() + "\n" + files.key()
                    + "\n" + files.loopbackUrlParameters() + "\n", StandardCharsets.UTF_8);
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, addresses + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("[cluster] " + nodes + " nodes up (" + cluster.server() + (tls ? ", mutual TLS" : "") + "): "
                + addresses
                + "; leader " + cluster.leader().address());
        // Block until the script closes our stdin (or kills us).
        while (System.in.read() >= 0) {
            // discard
        }
        cluster.close();
    }
}
