package io.dataconnector.camel.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;

/**
 * Unpacks the CSV entries of one archive to the job's work directory ({@link EntrySpooler#spool}) on a thread of its
 * own, in archive order, while the entries before them load: a warehouse that reads files (DuckDB) then finds the
 * next table's file ready instead of waiting for its unpacking. Bounded disk: at most {@value #ON_DISK} unpacked files
 * are on disk at once (the one loading and the next: the work directory holds at most the archive and its two largest
 * entries); a further entry waits for {@link #released(String)}. Entries the job does not want are read through (their
 * CRC-32 checked) and take no place.
 * <p>
 * {@link #wrap} hands the split the archive's entry messages, queueing each one's unpacking as the split takes it;
 * {@link #await} gives a message's outcome (its file, null for an entry the job does not want, or the unpacking's
 * error). {@link #close()} stops the thread (an unpacking in progress is interrupted; files left are deleted with the
 * job's work directory).
 */
final class SpoolAhead implements AutoCloseable {

    /** Unpacked files on disk at most: the entry loading and the next one. */
    static final int ON_DISK = 2;

    private static final String OUTCOME = "dcEtlSpoolAhead";

    private final CamelContext context;
    private final JobWork work;
    private final ExecutorService unpacker;
    private final Semaphore onDisk = new Semaphore(ON_DISK);
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    SpoolAhead(CamelContext context, JobWork work) {
        this.context = context;
        this.work = work;
        this.unpacker = context.getExecutorServiceManager().newSingleThreadExecutor(this, "dc-etl-unpack");
    }

    /**
     * @return the entries of {@code entries}; taking one queues its unpacking and the next one's (the split takes an
     *         entry only when the previous one is done)
     */
    Iterator<Message> wrap(Iterator<Message> entries) {
        return new Iterator<>() {
            private Message ahead;

            @Override
            public boolean hasNext() {
                return ahead != null || entries.hasNext();
            }

            @Override
            public Message next() {
                Message m = ahead != null ? ahead : queued(entries.next());
                ahead = entries.hasNext() ? queued(entries.next()) : null;
                return m;
            }
        };
    }

    private Message queued(Message m) {
        m.setHeader(OUTCOME, unpack(m.getHeader(EtlHeaders.ENTRY_NAME, String.class), m.getBody()));
        return m;
    }

    private CompletableFuture<Path> unpack(String name, Object body) {
        CompletableFuture<Path> outcome = new CompletableFuture<>();
        unpacker.execute(() -> {
            int permits = name != null && work.isWantedCsv(name) ? 1 : 0;
            boolean acquired = false;
            try (InputStream in = (InputStream) body) {
                onDisk.acquire(permits);
                acquired = true;
                Path file = EntrySpooler.spool(work, name, in);
                if (file != null && permits > 0) {
                    held.merge(name, permits, Integer::sum);
                } else {
                    onDisk.release(permits);
                }
                outcome.complete(file);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome.completeExceptionally(new InterruptedIOException("Unpacking " + name + " was stopped"));
            } catch (Throwable e) {
                if (acquired) {
                    onDisk.release(permits);
                }
                outcome.completeExceptionally(e); // never leaves the load waiting
                if (e instanceof Error error) {
                    throw error;
                }
            }
        });
        return outcome;
    }

    /**
     * Waits for an entry message's unpacking.
     *
     * @return the file the entry was unpacked to (release it with {@link #released(String)} once loaded and deleted), or
     *         null when the job does not want the entry (read through)
     * @throws IOException the unpacking's error (CRC-32 mismatch, size limit, disk), or when interrupted
     */
    Path await(Message entry) throws IOException {
        @SuppressWarnings("unchecked")
        CompletableFuture<Path> outcome = entry.getHeader(OUTCOME, CompletableFuture.class);
        entry.removeHeader(OUTCOME);
        if (outcome == null) {
            throw new IllegalStateException("Entry " + entry.getHeader(EtlHeaders.ENTRY_NAME)
                                            + " did not come through SpoolAhead.wrap");
        }
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for an entry to be unpacked");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** The unpacked file of entry {@code name} is deleted: the next entry may be unpacked. */
    void released(String name) {
        Integer permits = held.remove(name);
        if (permits != null) {
            onDisk.release(permits);
        }
    }

    @Override
    public void close() {
        context.getExecutorServiceManager().shutdownNow(unpacker);
    }
}
