package io.dataconnector.camel.karafit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import io.dataconnector.camel.component.model.Job;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;

/**
 * The outcome the test reads, as a properties file written whole (temp file, then an atomic move):
 * {@code outcome=jobs} with {@code count}, {@code ids} and {@code statuses} (comma separated, listing order), or
 * {@code outcome=failure} with {@code error} (exception class and message).
 */
final class ResultFile {

    private final Path file;

    ResultFile(Path file) {
        this.file = file;
    }

    void writeJobs(Exchange exchange) throws InvalidPayloadException {
        List<?> jobs = exchange.getMessage().getMandatoryBody(List.class);
        Properties out = new Properties();
        out.setProperty("outcome", "jobs");
        out.setProperty("count", Integer.toString(jobs.size()));
        out.setProperty("ids", jobs.stream().map(j -> ((Job) j).getId()).collect(Collectors.joining(",")));
        out.setProperty("statuses", jobs.stream().map(j -> ((Job) j).getStatus()).collect(Collectors.joining(",")));
        write(out);
    }

    void writeFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Properties out = new Properties();
        out.setProperty("outcome", "failure");
        out.setProperty("error", cause == null ? "unknown" : cause.getClass().getName() + ": " + cause.getMessage());
        write(out);
    }

    private void write(Properties properties) {
        try {
            StringWriter text = new StringWriter();
            properties.store(text, null);
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
