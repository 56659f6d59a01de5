package io.dqlite4j.r2dbc;

import org.reactivestreams.Subscription;

/** A subscription that ignores every call; given right before an immediate {@code onError}/{@code onComplete}. */
enum EmptySubscription implements Subscription {
    INSTANCE;

    @Override
    public void request(long n) {
    }

    @Override
    public void cancel() {
    }
}
