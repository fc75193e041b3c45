package dev.lakeside.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A response body as an {@link InputStream} with an idle timeout: a read that waits longer than the timeout for the
 * next bytes fails with {@link IdleTimeout} and cancels the exchange. It requests one chunk ahead, so at most two
 * chunks of the body are held in memory. Closing it before the end cancels the exchange (the connection is dropped,
 * not returned to the pool).
 */
final class StreamingBody extends InputStream implements Flow.Subscriber<List<ByteBuffer>> {
    private static final Object END = new Object();

    /** No bytes arrived within the idle timeout. */
    static final class IdleTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        IdleTimeout(String message) {
            super(message);
        }
    }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final long idleNanos;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Iterator<ByteBuffer> chunk;
    private ByteBuffer buffer;
    private boolean ended;

    /** @param idleNanos the idle timeout, or 0 for none */
    StreamingBody(long idleNanos) {
        this.idleNanos = idleNanos;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
        queue.add(throwable);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    /** True once the whole body was read. */
    boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (buffer == null || !buffer.hasRemaining()) {
            if (chunk != null && chunk.hasNext()) {
                buffer = chunk.next();
                continue;
            }
            if (ended) {
                return -1;
            }
            if (closed) {
                throw new IOException("the response body was closed");
            }
            Object item = take();
            if (item == END) {
                ended = true;
                return -1;
            }
            if (item instanceof Throwable failure) {
                closed = true;
                throw failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
            }
            @SuppressWarnings("unchecked")
            List<ByteBuffer> buffers = (List<ByteBuffer>) item;
            chunk = buffers.iterator();
            subscription.request(1);
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    private Object take() throws IOException {
        try {
            if (idleNanos <= 0) {
                return queue.take();
            }
            Object item = queue.poll(idleNanos, TimeUnit.NANOSECONDS);
            if (item == null) {
                close();
                throw new IdleTimeout("no data for " + TimeUnit.NANOSECONDS.toMillis(idleNanos) + " ms");
            }
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while waiting for the response body");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null && !ended) {
            s.cancel();
        }
        queue.clear();
    }

    /** Reads at most {@code limit} bytes (for error bodies), then closes. */
    byte[] readAtMost(int limit) throws IOException {
        try {
            byte[] out = new byte[limit];
            int total = 0;
            int n;
            while (total < limit && (n = read(out, total, limit - total)) > 0) {
                total += n;
            }
            return Arrays.copyOf(out, total);
        } finally {
            close();
        }
    }
}
