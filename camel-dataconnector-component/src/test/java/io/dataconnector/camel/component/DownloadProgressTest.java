package io.dataconnector.camel.component;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.Level;
import io.dataconnector.camel.component.api.DownloadProgress;
import io.dataconnector.camel.component.model.SignedUrl;
import io.dataconnector.camel.simulator.Fault;
import io.dataconnector.camel.simulator.SimJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static io.dataconnector.camel.component.DataConnectorConstants.JOB_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** downloadJobFile logs INFO progress lines at a fixed interval while a throttled download is read. */
class DownloadProgressTest extends SimulatorTestSupport {

    private static final String FILE = "autodesk_data_extract.zip";
    private static final Pattern PROGRESS = Pattern.compile("Downloading " + Pattern.quote(FILE) + " of job (\\S+): "
                                                            + "[\\d.]+ (B|KB|MB) of [\\d.]+ (KB|MB) \\((\\d+)%\\),"
                                                            + " [\\d.]+ (B|KB|MB)/s, ETA \\d+ s");

    @Override
    protected RouteBuilder routes() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slow").streamCache("false")
                        .to("dataconnector:downloadJobFile?fileName=" + FILE + "&progressInterval=250");
                from("direct:default").streamCache("false").to("dataconnector:downloadJobFile?fileName=" + FILE);
                from("direct:url").to("dataconnector:getJobFileUrl?fileName=" + FILE);
            }
        };
    }

    private long download(String route, String jobId) throws Exception {
        Exchange result = template.request(route, e -> e.getMessage().setHeader(JOB_ID, jobId));
        assertThat(result.getException()).isNull();
        try (InputStream body = result.getMessage().getBody(InputStream.class)) {
            return body.transferTo(OutputStream.nullOutputStream());
        }
    }

    @Test
    void aThrottledDownloadLogsBytesPercentRateAndEtaAtTheInterval() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();
        SignedUrl url = template.requestBodyAndHeader("direct:url", null, JOB_ID, job.id(), SignedUrl.class);
        long size = url.getSize();
        sim.faults().enqueue(Fault.slowDownload(Math.max(1, size / 2))); // about 2 s

        List<String> lines;
        long read;
        try (LogCapture log = new LogCapture(DownloadProgress.class.getName())) {
            read = download("direct:slow", job.id());
            lines = log.messages(Level.INFO);
        }

        assertThat(read).isEqualTo(size);
        List<String> progress = lines.stream().filter(l -> l.startsWith("Downloading ")).toList();
        assertThat(progress).hasSizeBetween(4, 12).allMatch(l -> PROGRESS.matcher(l).matches(), "matches " + PROGRESS);
        List<Integer> percents = new ArrayList<>();
        for (String line : progress) {
            Matcher m = PROGRESS.matcher(line);
            assertThat(m.matches()).isTrue();
            assertThat(m.group(1)).isEqualTo(job.id());
            percents.add(Integer.parseInt(m.group(4)));
        }
        assertThat(percents).isSorted();
        assertThat(percents.get(0)).isLessThan(50);
        assertThat(lines.get(lines.size() - 1)).startsWith("Downloaded " + FILE + " of job " + job.id() + ": ")
                .containsPattern(" in [123] s \\([\\d.]+ (KB|MB)/s\\)$");
        assertThat(lines).noneMatch(l -> l.contains("http") || l.contains("Signature") || l.contains("?"));
    }

    @Test
    void aQuickDownloadLogsNothing() throws Exception {
        SimJob job = sim.seedCompleteSuccessJob();

        try (LogCapture log = new LogCapture(DownloadProgress.class.getName())) {
            assertThat(download("direct:default", job.id())).isPositive();
            assertThat(log.events()).isEmpty();
        }
    }
}
