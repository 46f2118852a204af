package io.dataconnector.camel.etl.warehouse;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Loads the exchange's extract table and replies with its {@link LoadResult}. A failed load (a bad row, a lost
 * connection) is a result with status FAILED, recorded in the load history, the table left as it was; a body or
 * header that cannot make a load request is an exception naming what is missing.
 */
public class WarehouseProducer extends DefaultProducer {

    private WarehouseHealthCheck.Registration healthCheck;

    public WarehouseProducer(WarehouseEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public WarehouseEndpoint getEndpoint() {
        return (WarehouseEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        healthCheck = WarehouseHealthCheck.register(getEndpoint());
    }

    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            healthCheck.unregister();
            healthCheck = null;
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        LoadResult result = getEndpoint().loader().load(request(in));
        in.setHeader(WarehouseConstants.LOAD_STATUS, result.status().name());
        in.setHeader(WarehouseConstants.ROWS, result.rows());
        in.setBody(result);
    }

    /** The body as a load request: a LoadRequest as is, else the CSV (stream, path or file) with the headers. */
    static LoadRequest request(Message in) throws Exception {
        Object body = in.getBody();
        if (body instanceof LoadRequest r) {
            return r;
        }
        String jobId = required(in, WarehouseConstants.JOB_ID);
        String fileName = required(in, WarehouseConstants.FILE_NAME);
        String requestId = in.getHeader(WarehouseConstants.REQUEST_ID, String.class);
        Instant completedAt = in.getHeader(WarehouseConstants.JOB_COMPLETED_AT, Instant.class);
        TableSchema schema = in.getHeader(WarehouseConstants.TABLE_SCHEMA, TableSchema.class);
        Long size = in.getHeader(WarehouseConstants.FILE_SIZE, Long.class);
        if (body instanceof File f) {
            body = f.toPath();
        }
        if (body instanceof Path p) {
            return new LoadRequest(jobId, requestId, completedAt, fileName, p, size != null ? size : Files.size(p),
                    schema);
        }
        if (body instanceof InputStream stream) {
            LoadRequest.Source source = new OneShotSource(stream);
            return new LoadRequest(jobId, requestId, completedAt, fileName, null, size != null ? size : 0, schema,
                    source);
        }
        throw new IllegalArgumentException("dcwarehouse: the body of " + fileName + " must be a LoadRequest, an"
                                           + " InputStream, a Path or a File, not "
                                           + (body == null ? "null" : body.getClass().getName()));
    }

    private static String required(Message in, String header) {
        String v = in.getHeader(header, String.class);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("dcwarehouse: the header " + header + " is required when the body is"
                                               + " not a LoadRequest");
        }
        return v;
    }

    /** A CSV stream read once (a value that does not fit its type then fails the load instead of a second read). */
    private record OneShotSource(InputStream stream) implements LoadRequest.Source {
        @Override
        public InputStream open() {
            return stream;
        }
    }
}
