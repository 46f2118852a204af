package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries are unpacked one ahead of the loading one, in order, with at most two files on disk. */
class SpoolAheadTest {

    @TempDir
    Path dir;

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private JobWork work(List<String> csvs) throws Exception {
        Job job = new Job();
        job.setId("job-1");
        Path workDir = Files.createDirectories(dir.resolve("work"));
        JobWork work = new JobWork(job, workDir, null);
        List<ExtractFile> files = new ArrayList<>();
        for (String name : csvs) {
            ExtractFile f = new ExtractFile();
            f.setName(name);
            files.add(f);
        }
        work.setPlan(new JobPlan(files, Map.of(), null));
        return work;
    }

    private Path zip(Map<String, String> entries) throws Exception {
        Path zip = dir.resolve("extract.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    private static String csv(int rows, String salt) {
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(salt).append(Integer.toHexString(i * 31 + salt.hashCode())).append('\n');
        }
        return sb.toString();
    }

    private Iterator<Message> entries(Exchange exchange, Path zip) throws Exception {
        exchange.getMessage().setBody(zip);
        ZipEntries zipEntries = new ZipEntries(Long.MAX_VALUE);
        zipEntries.descriptions(exchange);
        return zipEntries.tables(exchange);
    }

    @Test
    void unpacksTheNextEntryWhileOneLoadsAndNoFurther() throws Exception {
        Map<String, String> content = new java.util.LinkedHashMap<>();
        for (String t : List.of("a", "b", "c", "d")) {
            content.put(t + ".csv", csv(2000, t));
        }
        Path zip = zip(content);
        JobWork work = work(List.of("a.csv", "b.csv", "c.csv", "d.csv"));
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(EtlHeaders.JOB_WORK, work);
        try (SpoolAhead ahead = new SpoolAhead(context, work)) {
            Iterator<Message> it = ahead.wrap(entries(exchange, zip));

            Message a = it.next();
            Path fileA = ahead.await(a);
            assertThat(fileA).hasContent(content.get("a.csv"));
            // b is unpacked while a "loads", without the split asking for it
            await().atMost(Duration.ofSeconds(10)).until(() -> work.spooledFile("b.csv") != null);
            Message b = it.next();
            // two files on disk: c waits for a's file to be released
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> work.spooledFile("c.csv") == null);
            work.release("a.csv");
            ahead.released("a.csv");
            assertThat(ahead.await(b)).hasContent(content.get("b.csv"));
            await().atMost(Duration.ofSeconds(10)).until(() -> work.spooledFile("c.csv") != null);

            Message c = it.next();
            work.release("b.csv");
            ahead.released("b.csv");
            assertThat(ahead.await(c)).hasFileName("entry-c.csv");
            Message d = it.next();
            work.release("c.csv");
            ahead.released("c.csv");
            assertThat(ahead.await(d)).hasFileName("entry-d.csv");
            assertThat(it.hasNext()).isFalse();
            assertThat(Files.readString(work.spooledFile("d.csv"))).isEqualTo(content.get("d.csv"));
        }
    }

    @Test
    void unwantedEntriesAreReadThroughWithoutAPlaceOnDisk() throws Exception {
        Map<String, String> content = new java.util.LinkedHashMap<>();
        content.put("small.csv", csv(100, "s"));
        content.put("skipped.csv", csv(100, "x"));
        content.put("after.csv", csv(100, "z"));
        Path zip = zip(content);
        JobWork work = work(List.of("small.csv", "after.csv"));
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(EtlHeaders.JOB_WORK, work);
        try (SpoolAhead ahead = new SpoolAhead(context, work)) {
            Iterator<Message> it = ahead.wrap(entries(exchange, zip));
            Message small = it.next();
            assertThat(ahead.await(small)).hasContent(content.get("small.csv"));
            Message skipped = it.next();
            assertThat(ahead.await(skipped)).isNull();
            assertThat(work.getDir().resolve("entry-skipped.csv")).doesNotExist();
            // small is still "loading": the skipped entry took no place, so after is unpacked next to it
            Message after = it.next();
            assertThat(ahead.await(after)).hasContent(content.get("after.csv"));
            assertThat(work.spooledFile("small.csv")).exists();
        }
    }

    @Test
    void smallestEntriesFirstWhenAsked() throws Exception {
        Map<String, String> content = new java.util.LinkedHashMap<>();
        content.put("large.csv", csv(3000, "l"));
        content.put("small.csv", csv(10, "s"));
        content.put("medium.csv", csv(300, "m"));
        Path zip = zip(content);
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setBody(zip);
        ZipEntries zipEntries = new ZipEntries(Long.MAX_VALUE);
        zipEntries.descriptions(exchange);
        List<String> order = new ArrayList<>();
        zipEntries.tables(exchange, true).forEachRemaining(m -> order.add(m.getHeader(EtlHeaders.ENTRY_NAME,
                String.class)));
        assertThat(order).containsExactly("small.csv", "medium.csv", "large.csv");
        List<String> largestFirst = new ArrayList<>();
        zipEntries.tables(exchange, false).forEachRemaining(m -> largestFirst.add(m.getHeader(EtlHeaders.ENTRY_NAME,
                String.class)));
        assertThat(largestFirst).containsExactly("large.csv", "medium.csv", "small.csv");
        ZipEntries.close(exchange);
    }
}
