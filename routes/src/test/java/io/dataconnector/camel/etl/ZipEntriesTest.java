package io.dataconnector.camel.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which the ZIP split hands out entries: descriptions in archive order, tables the largest first. */
class ZipEntriesTest {

    @TempDir
    Path dir;

    @Test
    void tablesComeLargestFirstAfterTheDescriptionsInArchiveOrder() throws Exception {
        Path zip = zip("small_a.csv", 10, "docs/schemas/a.json", 50, "big.csv", 5000, "metadata.csv", 30,
                "mid.csv", 700, "small_b.csv", 10, "docs/README.html", 20);
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DefaultExchange exchange = new DefaultExchange(ctx);
            exchange.getMessage().setBody(zip);
            ZipEntries entries = new ZipEntries(1 << 20);
            assertThat(names(entries.descriptions(exchange)))
                    .containsExactly("docs/schemas/a.json", "metadata.csv", "docs/README.html");
            assertThat(names(entries.tables(exchange)))
                    .containsExactly("big.csv", "mid.csv", "small_a.csv", "small_b.csv");
            ZipEntries.close(exchange);
        }
    }

    @Test
    void tablesOfAnArchiveNotOpenedYetComeLargestFirstToo() throws Exception {
        Path zip = zip("a.csv", 1, "b.csv", 300, "c.csv", 20);
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            DefaultExchange exchange = new DefaultExchange(ctx);
            exchange.getMessage().setBody(zip);
            assertThat(names(new ZipEntries(1 << 20).tables(exchange))).containsExactly("b.csv", "c.csv", "a.csv");
            ZipEntries.close(exchange);
        }
    }

    /** Every entry is read to its end (the CRC-32 is verified then). */
    private static List<String> names(Iterator<Message> it) throws IOException {
        List<String> names = new ArrayList<>();
        while (it.hasNext()) {
            Message m = it.next();
            names.add(m.getHeader(EtlHeaders.ENTRY_NAME, String.class));
            m.getBody(ZipEntries.EntryStream.class).drainAndClose();
        }
        return names;
    }

    /** @param nameAndSize entry name, size in bytes, … (repetitive content: the compressed sizes hardly differ) */
    private Path zip(Object... nameAndSize) throws IOException {
        Path zip = dir.resolve("extract.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < nameAndSize.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndSize[i]));
                z.write("x".repeat((Integer) nameAndSize[i + 1]).getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
        return zip;
    }
}
