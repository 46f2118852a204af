package io.dataconnector.camel.etl.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A table load streamed row by row logs its progress (rows so far, rows/s) at the progress interval, on real H2. */
class LoadProgressTest {

    private static final Pattern LINE = Pattern.compile(
            "Table admin_things: (\\d+) row\\(s\\) staged from admin_things\\.csv in [\\d.]+ s \\((\\d+|-) rows/s\\)");

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private WarehouseLoader loader;

    @BeforeEach
    void setUp() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger(LoadProgress.class)).addAppender(logs);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:progress" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        loader = new WarehouseLoader(ds, new GenericJdbcDialect(500), WarehouseSettings.defaults("wh"));
        loader.initialize();
    }

    @AfterEach
    void tearDown() {
        ((Logger) LoggerFactory.getLogger(LoadProgress.class)).detachAppender(logs);
    }

    @Test
    void aLoadLongerThanTheIntervalLogsRowsSoFarAndRate() throws Exception {
        loader.setProgressInterval(Duration.ZERO); // every clock read is past the interval
        int rows = 5 * LoadProgress.CHECK_EVERY + 7;

        LoadResult r = loader.load(request(rows));

        assertThat(r.status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(r.rows()).isEqualTo(rows);
        List<String> lines = progressLines();
        assertThat(lines).hasSize(5);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            assertThat(Long.parseLong(m.group(1))).isEqualTo((long) (i + 1) * LoadProgress.CHECK_EVERY);
        }
        assertThat(logs.list).allMatch(e -> e.getLevel() == Level.INFO);
    }

    @Test
    void aLoadShorterThanTheIntervalLogsNoProgress() throws Exception {
        loader.setProgressInterval(Duration.ofHours(1));

        LoadResult r = loader.load(request(3 * LoadProgress.CHECK_EVERY));

        assertThat(r.status()).isEqualTo(LoadResult.Status.LOADED);
        assertThat(progressLines()).isEmpty();
    }

    @Test
    void aNegativeIntervalIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> loader.setProgressInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("progress interval");
    }

    private List<String> progressLines() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("staged from"))
                .toList();
    }

    private LoadRequest request(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(",name ").append(i).append('\n');
        }
        Path p = dir.resolve("admin_things.csv");
        Files.writeString(p, csv, StandardCharsets.UTF_8);
        return new LoadRequest("job-1", "req-1", Instant.parse("2024-01-01T00:00:00Z"), "admin_things.csv", p,
                Files.size(p), TableSchema.of("admin_things", Map.of("id", "number", "name", "string")));
    }
}
