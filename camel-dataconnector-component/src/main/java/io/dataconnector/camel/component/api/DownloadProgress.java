package io.dataconnector.camel.component.api;

import java.time.Duration;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a download's progress at INFO, at most once per interval while it is read: bytes so far, percent of the listed
 * size, average rate and ETA, e.g. {@code Downloading autodesk_data_extract.zip of job 7f…: 1.2 MB of 4.8 MB (25%),
 * 640.0 KB/s, ETA 6 s}. A download that ends within the first interval logs nothing; one that logged progress also
 * logs its end. Names the file and the job, never the signed URL.
 */
public final class DownloadProgress implements Download.ReadListener {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadProgress.class);

    private final String fileName;
    private final String jobId;
    private final long listedSize;
    private final long intervalNanos;
    private final long startedAt;
    private long nextLogAt;
    private long bytes;
    private boolean logged;

    /**
     * @param listedSize the size the API listed for the file in bytes, or -1 (or 0) when unknown: then no percent and
     *                   no ETA are given
     * @param interval   time between two progress lines (positive)
     */
    public DownloadProgress(String fileName, String jobId, long listedSize, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The progress interval must be positive, was " + interval);
        }
        this.fileName = fileName;
        this.jobId = jobId;
        this.listedSize = listedSize;
        this.intervalNanos = interval.toNanos();
        this.startedAt = System.nanoTime();
        this.nextLogAt = startedAt + intervalNanos;
    }

    @Override
    public void bytesRead(long count) {
        bytes += count;
        long now = System.nanoTime();
        if (now - nextLogAt >= 0) {
            nextLogAt = now + intervalNanos;
            logged = true;
            LOG.info("Downloading {} of job {}: {}", fileName, jobId, progress(now));
        }
    }

    @Override
    public void finished(boolean complete) {
        if (!logged) {
            return;
        }
        long now = System.nanoTime();
        if (complete) {
            LOG.info("Downloaded {} of job {}: {} in {} ({}/s)", fileName, jobId, size(bytes),
                    seconds(now - startedAt), size(rate(now)));
        } else {
            LOG.info("Download of {} of job {} closed after {}{}", fileName, jobId, size(bytes),
                    listedSize > 0 ? " of " + size(listedSize) : "");
        }
    }

    /** e.g. {@code 1.2 MB of 4.8 MB (25%), 640.0 KB/s, ETA 6 s}. */
    private String progress(long now) {
        double rate = rate(now);
        StringBuilder line = new StringBuilder(size(bytes));
        if (listedSize > 0) {
            line.append(" of ").append(size(listedSize)).append(" (").append(Math.min(100, bytes * 100 / listedSize))
                    .append("%)");
        } else {
            line.append(" so far");
        }
        line.append(", ").append(size(rate)).append("/s");
        if (listedSize > 0 && rate > 0) {
            long remaining = Math.max(0, listedSize - bytes);
            line.append(", ETA ").append(seconds((long) (remaining / rate * 1e9)));
        }
        return line.toString();
    }

    /** Average bytes per second since the start. */
    private double rate(long now) {
        long elapsed = Math.max(1, now - startedAt);
        return bytes * 1e9 / elapsed;
    }

    static String size(double bytes) {
        String[] units = { "B", "KB", "MB", "GB", "TB" };
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", bytes)
                : String.format(Locale.ROOT, "%.1f %s", bytes, units[unit]);
    }

    private static String seconds(long nanos) {
        long s = Math.round(nanos / 1e9);
        return s < 120 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
