package io.dqlite4j.examples;

import static io.dqlite4j.examples.db.Tables.BOOK;
import static io.dqlite4j.examples.db.Tables.COPY;
import static io.dqlite4j.examples.db.Tables.EDITION;
import static io.dqlite4j.examples.db.Tables.MEMBER;
import static io.dqlite4j.examples.db.Tables.OPEN_LOAN;

import io.dqlite4j.examples.db.tables.records.LoanRecord;
import io.dqlite4j.examples.db.tables.records.OpenLoanRecord;
import io.dqlite4j.jdbc.DqliteDataSource;
import io.dqlite4j.jooq.DqliteDSL;
import io.dqlite4j.jooq.DqliteTransactions;
import io.dqlite4j.testkit.LocalCluster;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * A library catalogue on dqlite, end to end: schema from migrations, generated jOOQ records,
 * queries, transactions, a nested savepoint, the retry helper, an async transaction and (on its
 * own cluster) a leader failover, each step printed as it happens.
 *
 * <pre>
 * mvn -pl examples exec:java                                                   # embedded 3-node cluster
 * mvn -pl examples exec:java -Dexec.args="--url jdbc:dqlite://127.0.0.1:9001/library"
 * </pre>
 *
 * <p>Without {@code --url} the app starts a local 3-node cluster ({@link LocalCluster}, the
 * embedded default), runs everything including the failover demo, and stops the cluster at the
 * end. With {@code --url} it uses that cluster and database, replaces the demo's rows there, and
 * skips the failover demo (it never kills nodes it does not own).
 */
public final class LibraryApp {
    private static final String USAGE = "usage: LibraryApp [--url jdbc:dqlite://host:port[,host:port...]/database]"
            + " [--nodes N] [--tls]";

    /** Held so that the level set on it stays (java.util.logging keeps loggers weakly). */
    private static final Logger JOOQ_LOG = Logger.getLogger("org.jooq");

    private final PrintStream out;

    private LibraryApp(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo. Returns normally when every step worked; throws otherwise (the exit code of
     * {@code java} is then non-zero).
     *
     * @param args {@code --url <url>} to use an existing cluster (a URL with {@code tls_*} keys
     *     reaches a TLS cluster), {@code --nodes <n>} for the size of the embedded cluster
     *     (default 3), {@code --tls} to have the embedded cluster serve mutual TLS
     */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /** {@link #main} with the printout sent to {@code out}; for tests. */
    public static void run(String[] args, PrintStream out) throws Exception {
        // Keep the printout about the library: no jOOQ banner, no tip of the day.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        JOOQ_LOG.setLevel(Level.WARNING); // where jOOQ logs through java.util.logging
        String url = null;
        int nodes = 3;
        boolean tls = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = value(args, ++i);
                case "--nodes" -> nodes = Integer.parseInt(value(args, ++i));
                case "--tls" -> tls = true;
                case "--help", "-h" -> {
                    out.println(USAGE);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'; " + USAGE);
            }
        }
        LibraryApp app = new LibraryApp(out);
        if (url != null) {
            app.say("cluster", "using the cluster at " + url + " (no failover demo: the nodes are not ours)");
            app.demo(url.startsWith("dqlite://") ? "jdbc:" + url : url, null);
        } else {
            app.say("cluster", "no --url given: starting a local " + nodes + "-node dqlite cluster"
                    + (tls ? " serving mutual TLS" : ""));
            long t0 = System.nanoTime();
            LocalCluster.Builder builder = LocalCluster.builder().nodes(nodes);
            try (LocalCluster cluster = (tls ? builder.tls() : builder).start()) {
                app.say("cluster", cluster.nodes().size() + " nodes up in " + secs(t0) + " s: "
                        + String.join(", ", cluster.addresses()) + "; leader " + cluster.leader().address());
                app.demo(cluster.jdbcUrl("library"), cluster);
                app.say("cluster", "stopping the local cluster");
            }
        }
        out.println("LIBRARY DEMO OK");
    }

    private void demo(String url, LocalCluster cluster) throws Exception {
        DqliteDataSource dataSource = new DqliteDataSource(url);
        // A connection per statement or per transaction block, from the data source.
        DSLContext ctx = DqliteDSL.using(dataSource);
        Library library = new Library(ctx);

        // 1. Schema: the migrations the build generated the classes from.
        try (Connection c = dataSource.getConnection()) {
            List<String> applied = Schema.migrate(c);
            say("schema", applied.isEmpty() ? "up to date" : "applied " + String.join(", ", applied));
        }

        // 2. Stock the catalogue with generated records, in one transaction.
        library.clear();
        say("catalogue", "stored " + library.stockCatalogue());

        // 3. Queries on the generated tables.
        for (Record3<String, String, String> r : library.booksNewestFirst()) {
            say("query", String.format("%-26s %-20s %s", r.value1(), r.value2(), r.value3()));
        }
        say("query", "genre tree (self-referencing key): " + String.join(", ", library.genreTree()));
        say("query", "available copies of Solaris: " + String.join("; ", library.availableCopies("Solaris")));

        // 4. transactionResult: find a copy, insert the loan, mark the copy lent, atomically.
        LoanRecord loan = library.lend("The Dispossessed", "ada@example.org", 21);
        say("transaction", "lent copy #" + loan.getCopyId() + " of The Dispossessed to Ada: loan #" + loan.getId()
                + ", due " + loan.getDueAt().toLocalDate() + " (copy available now: "
                + library.copyAvailable(loan.getCopyId()) + ")");
        LoanRecord second = library.lend("Solaris", "alan@example.org", 14);
        say("transaction", "lent copy #" + second.getCopyId() + " of Solaris to Alan: loan #" + second.getId());

        // 5. Nested transactions are savepoints: the failed inner block is undone, the rest commits.
        String nested = savepoints(ctx);
        say("savepoint", nested);

        // 6. The retry helper: the whole transaction runs again on busy / lost-connection errors.
        int[] attempts = {0};
        int returned = DqliteTransactions.retrying(ctx, 5, cfg -> {
            attempts[0]++;
            return new Library(DSL.using(cfg)).giveBack(loan.getId());
        });
        say("retry", "returned loan #" + loan.getId() + " (" + returned + " row) in " + attempts[0]
                + " attempt(s); the trigger put copy #" + loan.getCopyId() + " back: available="
                + library.copyAvailable(loan.getCopyId()));

        // 7. Async: the same transaction API on a CompletionStage (R2DBC: see DqliteDSL once available).
        String thread = async(ctx);
        say("async", thread);
        for (OpenLoanRecord open : library.openLoans()) {
            say("view", "open loan #" + open.getLoanId() + ": " + open.getTitle() + " with " + open.getMember()
                    + ", due " + open.getDueAt().toLocalDate());
        }

        // 8. Failover, only on a cluster this process started.
        String failover = cluster == null
                ? "skipped (not our cluster; run without --url to see it)"
                : new FailoverDemo(cluster, ctx, this::say).run();

        out.println("SUMMARY catalogue: " + library.count(BOOK) + " books, " + library.count(EDITION) + " editions, "
                + library.count(COPY) + " copies, " + library.count(MEMBER) + " members, "
                + library.count(OPEN_LOAN) + " open loans");
        out.println("SUMMARY transactions: loans #" + loan.getId() + " and #" + second.getId()
                + " committed; " + nested + "; loan returned with retrying in " + attempts[0] + " attempt(s)");
        out.println("SUMMARY failover: " + failover);
    }

    /** An outer transaction with two nested blocks: one commits its savepoint, one is rolled back to it. */
    private static String savepoints(DSLContext ctx) {
        return ctx.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.newRecord(MEMBER).setName("Grace").setEmail("grace@example.org").store();
            int book = tx.select(BOOK.ID).from(BOOK).where(BOOK.TITLE.eq("Solaris")).fetchSingle().value1();

            tx.transaction(inner -> DSL.using(inner).newRecord(EDITION)
                    .setBookId(book).setEditionNo(2).setIsbn("978-0-15-683750-7").store());
            String failure;
            try {
                tx.transaction(inner -> DSL.using(inner).newRecord(EDITION)
                        .setBookId(book).setEditionNo(3).setIsbn("978-0-15-683750-7") // the same ISBN again
                        .store());
                failure = "none";
            } catch (DataAccessException e) {
                failure = rootMessage(e);
            }
            boolean second = tx.fetchExists(EDITION, EDITION.BOOK_ID.eq(book).and(EDITION.EDITION_NO.eq(2)));
            boolean third = tx.fetchExists(EDITION, EDITION.BOOK_ID.eq(book).and(EDITION.EDITION_NO.eq(3)));
            return "nested savepoints: edition 2 kept=" + second + ", edition 3 rolled back=" + !third
                    + " (" + failure + "), outer member Grace committed";
        });
    }

    private static String async(DSLContext ctx) throws InterruptedException, ExecutionException, TimeoutException {
        return ctx.transactionResultAsync(cfg -> {
                    int open = DSL.using(cfg).fetchCount(OPEN_LOAN);
                    return "transactionResultAsync counted " + open + " open loan(s) on thread "
                            + Thread.currentThread().getName();
                })
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value; " + USAGE);
        }
        return args[i];
    }

    /** The innermost cause's message: for a constraint violation, SQLite's own text. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return firstLine(root.getMessage());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 140 ? line.substring(0, 140) + "..." : line;
    }

    static String secs(long startNanos) {
        return String.format(Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
    }

    /** One line of the printout: {@code [step] text}. */
    void say(String step, String text) {
        out.printf("[%-11s] %s%n", step, text);
        out.flush();
    }
}
