import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark instrumentation, attached with {@code -javaagent:heap-agent.jar=out=FILE[,watch=DIR][,interval=MS]}.
 * It changes nothing in the measured application. A daemon thread samples the used heap every {@code interval} ms
 * and, when {@code watch} is given, lists that directory tree (the ETL's work directory) to time the stages from the
 * files appearing, growing and disappearing, and to record the peak bytes on disk. At JVM exit it writes one JSON
 * object to {@code out}: sampled peak heap, the sum of the heap pools' peaks (an upper bound of the true peak), peak
 * RSS ({@code VmHWM}), GC counts and times, and per-file first-seen / last-growth / last-seen times (epoch ms).
 */
public final class HeapAgent {

    private static final class FileTrack {
        long first;
        long lastGrow;
        long lastSeen;
        long maxSize = -1;
    }

    private static volatile long peakHeapSampled;
    private static volatile long peakDiskBytes;
    private static final Map<String, FileTrack> FILES = new HashMap<>();

    private HeapAgent() {
    }

    public static void premain(String args) {
        Map<String, String> opts = new HashMap<>();
        for (String kv : (args == null ? "" : args).split(",")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                opts.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        Path out = Path.of(opts.getOrDefault("out", "heap-agent.json"));
        Path watch = opts.containsKey("watch") ? Path.of(opts.get("watch")) : null;
        long interval = Long.parseLong(opts.getOrDefault("interval", "20"));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Thread sampler = new Thread(() -> {
            while (true) {
                long used = memory.getHeapMemoryUsage().getUsed();
                if (used > peakHeapSampled) {
                    peakHeapSampled = used;
                }
                if (watch != null) {
                    scan(watch);
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-agent");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(out, watch), "bench-heap-agent-exit"));
    }

    private static void scan(Path dir) {
        long now = System.currentTimeMillis();
        long total = 0;
        try (Stream<Path> s = Files.walk(dir, 3)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                long size;
                try {
                    size = Files.isDirectory(p) ? 0 : Files.size(p);
                } catch (IOException e) {
                    continue; // deleted in between
                }
                total += size;
                String name = dir.relativize(p).toString();
                synchronized (FILES) {
                    FileTrack t = FILES.computeIfAbsent(name, k -> {
                        FileTrack n = new FileTrack();
                        n.first = now;
                        return n;
                    });
                    if (size > t.maxSize) {
                        t.maxSize = size;
                        t.lastGrow = now;
                    }
                    t.lastSeen = now;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the directory may not exist yet, or a file vanished while walking
        }
        if (total > peakDiskBytes) {
            peakDiskBytes = total;
        }
    }

    private static void write(Path out, Path watch) {
        long now = System.currentTimeMillis();
        if (watch != null) {
            scan(watch);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long poolPeaks = 0;
        Map<String, Long> pools = new LinkedHashMap<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                poolPeaks += p.getPeakUsage().getUsed();
                pools.put(p.getName(), p.getPeakUsage().getUsed());
            }
        }
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"jvmStartMs\":").append(ManagementFactory.getRuntimeMXBean().getStartTime());
        sb.append(",\"exitMs\":").append(now);
        sb.append(",\"heapMaxBytes\":").append(Runtime.getRuntime().maxMemory());
        sb.append(",\"peakHeapSampledBytes\":").append(Math.max(peakHeapSampled, used));
        sb.append(",\"heapPoolPeaksSumBytes\":").append(poolPeaks);
        sb.append(",\"heapPoolPeaks\":{");
        String sep = "";
        for (Map.Entry<String, Long> e : pools.entrySet()) {
            sb.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        sb.append('}');
        sb.append(",\"vmHwmKb\":").append(procStatus("VmHWM"));
        sb.append(",\"gcCount\":").append(gcCount).append(",\"gcMillis\":").append(gcMillis);
        sb.append(",\"peakWorkDirBytes\":").append(peakDiskBytes);
        sb.append(",\"files\":{");
        sep = "";
        synchronized (FILES) {
            for (Map.Entry<String, FileTrack> e : FILES.entrySet()) {
                FileTrack t = e.getValue();
                sb.append(sep).append('"').append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\":{\"first\":").append(t.first).append(",\"lastGrow\":").append(t.lastGrow)
                        .append(",\"lastSeen\":").append(t.lastSeen).append(",\"maxSize\":").append(t.maxSize)
                        .append('}');
                sep = ",";
            }
        }
        sb.append("}}\n");
        try {
            Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("heap agent: cannot write " + out + ": " + e);
        }
    }

    private static long procStatus(String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith(key + ":")) {
                    return Long.parseLong(l.substring(key.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }
}
