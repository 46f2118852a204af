package io.dataconnector.camel.component.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A response body read as an {@link InputStream} in which every read waits at most the read timeout for the storage
 * host's next bytes: a longer stall cancels the body (the connection is dropped) and fails the read with a
 * {@link DownloadStalledException}. Only the time a reader spends waiting counts; a slow reader is no stall. The
 * JDK's {@code BodyHandlers.ofInputStream()} has no such bound and would block forever on a silent connection.
 * <p>
 * Memory stays bounded: one batch of the HTTP client's buffers is requested at a time, the next only once the reader
 * has taken the previous one. Closing before the end cancels the body instead of reading the rest.
 */
final class TimedBodyStream extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    private static final Object END = new Object();

    private final String fileName;
    private final long timeoutNanos;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean closed;

    // reader state: touched by the reading thread only
    private Iterator<ByteBuffer> batch = Collections.emptyIterator();
    private ByteBuffer current;
    private boolean ended;
    private long bytesRead;

    /**
     * @param fileName    the file being downloaded, for error messages
     * @param readTimeout the longest wait for the next bytes; zero (or negative) waits without limit
     */
    TimedBodyStream(String fileName, Duration readTimeout) {
        this.fileName = fileName;
        this.timeoutNanos = readTimeout.isNegative() ? 0 : readTimeout.toNanos();
    }

    /** A body handler giving each response a new stream of this file with this read timeout. */
    static HttpResponse.BodyHandler<InputStream> handler(String fileName, Duration readTimeout) {
        return info -> new TimedBodyStream(fileName, readTimeout);
    }

    // --- subscriber side (the HTTP client's threads) ----------------------------------------------------------------

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.compareAndSet(null, s) || closed) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable failure) {
        queue.add(failure);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    // --- reader side ------------------------------------------------------------------------------------------------

    @Override
    public int read() throws IOException {
        ByteBuffer buffer = nextBuffer();
        if (buffer == null) {
            return -1;
        }
        bytesRead++;
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        ByteBuffer buffer = nextBuffer();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(target, offset, n);
        bytesRead += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        return closed || current == null ? 0 : current.remaining();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cancel();
            queue.clear();
        }
    }

    /** The buffer holding the next bytes, or null at the end of the body. */
    @SuppressWarnings("unchecked")
    private ByteBuffer nextBuffer() throws IOException {
        while (current == null || !current.hasRemaining()) {
            if (closed) {
                throw new IOException("The download of " + fileName + " was closed");
            }
            if (batch.hasNext()) {
                current = batch.next();
                continue;
            }
            if (ended) {
                return null;
            }
            Object item = take();
            if (item == END) {
                ended = true;
                return null;
            }
            if (item instanceof Throwable failure) {
                ended = true;
                throw failure instanceof IOException io ? new IOException(io.getMessage(), io)
                        : new IOException("Download of " + fileName + " failed: " + failure, failure);
            }
            batch = ((List<ByteBuffer>) item).iterator();
            Flow.Subscription s = subscription.get();
            if (s != null) {
                s.request(1);
            }
        }
        return current;
    }

    private Object take() throws IOException {
        try {
            Object item = timeoutNanos > 0 ? queue.poll(timeoutNanos, TimeUnit.NANOSECONDS) : queue.take();
            if (item == null) {
                ended = true;
                close();
                throw new DownloadStalledException(fileName, TimeUnit.NANOSECONDS.toMillis(timeoutNanos), bytesRead);
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("Interrupted while reading the download of " + fileName);
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription.getAndSet(CANCELLED);
        if (s != null && s != CANCELLED) {
            s.cancel();
        }
    }

    /** Marks a cancelled body, so a late onSubscribe cancels at once. */
    private static final Flow.Subscription CANCELLED = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };
}
