package io.dqlite4j.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Test helper: the failure a future completes with. */
final class Failures {
    private Failures() {
    }

    /** Waits up to 30 s for {@code f} to fail and returns why; an assertion error if it succeeds. */
    static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure, got a result");
    }
}
