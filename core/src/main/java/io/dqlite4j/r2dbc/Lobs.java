package io.dqlite4j.r2dbc;

import io.dqlite4j.wire.Params;
import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Reads bound {@link Blob} and {@link Clob} values into the parameter tuple before a statement is sent. */
final class Lobs {
    private Lobs() {
    }

    /** Completes once every large object has been read and set into {@code params}. */
    static CompletableFuture<Void> resolve(Map<Integer, Object> lobs, Params params) {
        if (lobs == null || lobs.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[lobs.size()];
        int k = 0;
        for (Map.Entry<Integer, Object> e : lobs.entrySet()) {
            int index = e.getKey();
            if (e.getValue() instanceof Blob blob) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                all[k++] = collect(blob.stream(), b -> {
                    byte[] chunk = new byte[b.remaining()];
                    b.duplicate().get(chunk);
                    out.write(chunk, 0, chunk.length);
                }).thenRun(() -> params.setBlob(index, out.toByteArray()));
            } else {
                StringBuilder out = new StringBuilder();
                all[k++] = collect(((Clob) e.getValue()).stream(), out::append)
                        .thenRun(() -> params.setText(index, out.toString()));
            }
        }
        return CompletableFuture.allOf(all);
    }

    private static <T> CompletableFuture<Void> collect(Publisher<T> publisher, java.util.function.Consumer<T> sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Subscriber<T>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(T item) {
                sink.accept(item);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        return done;
    }
}
