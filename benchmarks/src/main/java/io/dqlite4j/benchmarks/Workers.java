package io.dqlite4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the concurrent workload's workers on a reused pool of platform threads (Go: goroutines). */
final class Workers {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bench-worker-" + SEQ.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    interface Worker {
        /** Runs worker {@code w}; returns the rows it found. */
        int run(int w) throws Exception;
    }

    private Workers() {
    }

    /** Runs {@code count} workers at once and waits for all; the sum of their results. */
    static int runAll(int count, Worker worker) throws Exception {
        List<Future<Integer>> futures = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            int id = w;
            Callable<Integer> task = () -> worker.run(id);
            futures.add(POOL.submit(task));
        }
        int total = 0;
        Exception failure = null;
        for (Future<Integer> f : futures) {
            try {
                total += f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof Exception ex ? ex : e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return total;
    }
}
