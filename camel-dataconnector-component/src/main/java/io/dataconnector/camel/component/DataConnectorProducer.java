package io.dataconnector.camel.component;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.api.Download;
import io.dataconnector.camel.component.api.DownloadProgress;
import io.dataconnector.camel.component.api.JobQuota;
import io.dataconnector.camel.component.api.ListQuery;
import io.dataconnector.camel.component.model.DataConnectorJson;
import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.DataRequestValidator;
import io.dataconnector.camel.component.model.Page;
import io.dataconnector.camel.component.model.SignedUrl;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConversionException;
import org.apache.camel.support.DefaultProducer;

/**
 * Invokes the operation named by the {@code CamelDataConnectorOperation} header, or else by the endpoint URI.
 */
public class DataConnectorProducer extends DefaultProducer {

    private HealthCheckRegistration healthCheck;

    public DataConnectorProducer(DataConnectorEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        DataConnectorEndpoint endpoint = getEndpoint();
        healthCheck = HealthCheckRegistration.register(endpoint.getCamelContext(),
                new DataConnectorApiHealthCheck(endpoint, "dataconnector-producer-" + endpoint.getConfiguration()
                        .getOperation() + "-" + endpoint.getConfiguration().getAccountId()),
                endpoint.getComponent().isHealthCheckProducerEnabled());
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
    public DataConnectorEndpoint getEndpoint() {
        return (DataConnectorEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        DataConnectorConfiguration config = getEndpoint().getConfiguration();
        DataConnectorClient client = getEndpoint().getClient();
        String accountId = value(in, DataConnectorConstants.ACCOUNT_ID, config.getAccountId(), "accountId");

        switch (operation(in)) {
            case createRequest -> {
                DataRequest request = dataRequest(in);
                DataRequestValidator.validateForCreate(request);
                checkJobQuota(client, accountId, config.getDailyJobQuota());
                DataRequest created = client.createRequest(accountId, request);
                in.setHeader(DataConnectorConstants.REQUEST_ID, created.getId());
                in.setBody(created);
            }
            case listRequests -> list(in, query(in, config, null), q -> client.listRequests(accountId, q));
            case getRequest -> in.setBody(client.getRequest(accountId, requestId(in, config)));
            case updateRequest -> {
                String requestId = requestId(in, config);
                DataRequest changes = dataRequest(in);
                DataRequestValidator.validateForUpdate(changes);
                in.setBody(client.updateRequest(accountId, requestId, changes));
            }
            case deleteRequest -> {
                client.deleteRequest(accountId, requestId(in, config));
                in.setBody(null);
            }
            case listRequestJobs -> {
                String requestId = requestId(in, config);
                list(in, query(in, config, null), q -> client.listRequestJobs(accountId, requestId, q));
            }
            case listJobs -> {
                String projectId = in.getHeader(DataConnectorConstants.PROJECT_ID, config.getProjectId(), String.class);
                list(in, query(in, config, projectId), q -> client.listJobs(accountId, q));
            }
            case getJob -> in.setBody(client.getJob(accountId, jobId(in, config)));
            case cancelJob -> {
                client.cancelJob(accountId, jobId(in, config));
                in.setBody(null);
            }
            case listJobFiles -> in.setBody(client.listJobFiles(accountId, jobId(in, config)));
            case getJobFileUrl -> {
                SignedUrl url = client.getJobFileUrl(accountId, jobId(in, config), fileName(in, config));
                in.setHeader(DataConnectorConstants.FILE_SIZE, url.getSize());
                in.setBody(url);
            }
            case downloadJobFile -> {
                String jobId = jobId(in, config);
                SignedUrl url = client.getJobFileUrl(accountId, jobId, fileName(in, config));
                Download download = client.download(jobId, url, Duration.ofMillis(config.getReadTimeout()));
                Long size = download.getContentLength() >= 0 ? Long.valueOf(download.getContentLength()) : url.getSize();
                if (config.getProgressInterval() > 0) {
                    long listed = url.getSize() != null ? url.getSize() : size == null ? -1 : size;
                    download.listen(new DownloadProgress(url.getName(), jobId, listed,
                            Duration.ofMillis(config.getProgressInterval())));
                }
                in.setHeader(DataConnectorConstants.FILE_SIZE, size);
                in.setHeader(Exchange.FILE_NAME, url.getName());
                in.setBody(download);
            }
            default -> throw new IllegalArgumentException("Unsupported Data Connector operation: " + operation(in));
        }
    }

    /**
     * Refuses a createRequest that would spawn more jobs than the account's quota allows in 24 hours: past the quota
     * the API answers 429 and the job is lost anyway, after costing a call.
     */
    private static void checkJobQuota(DataConnectorClient client, String accountId, int quota) {
        if (quota <= 0) {
            return;
        }
        JobQuota.Usage usage = JobQuota.usage(client, accountId, Instant.now());
        if (usage.count() >= quota) {
            throw new DataConnectorException(0, "createRequest", "accountId=" + accountId,
                    "refused before sending: " + usage.count() + " jobs were created in the last 24 h and the quota"
                    + " is " + quota + " per account, so the new data request's job would exceed it; one more fits at "
                    + usage.freeAt(quota) + " (option dailyJobQuota, 0 = no check)");
        }
    }

    /**
     * The body as a {@link DataRequest}, through Camel's type converters ({@link DataRequestConverter} reads a Map,
     * JSON text, bytes or a stream); a conversion error keeps its own message naming the field.
     */
    private static DataRequest dataRequest(Message in) {
        Object body = in.getBody();
        if (body == null || body instanceof DataRequest) {
            return DataConnectorJson.toDataRequest(body);
        }
        try {
            DataRequest request = in.getExchange().getContext().getTypeConverter()
                    .mandatoryConvertTo(DataRequest.class, in.getExchange(), body);
            return request;
        } catch (TypeConversionException | NoTypeConversionAvailableException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            return DataConnectorJson.toDataRequest(body);
        }
    }

    private <T> void list(Message in, ListQuery query, Function<ListQuery, Page<T>> pageReader) {
        Page<T> page = getEndpoint().getConfiguration().isPaginate()
                ? DataConnectorClient.readAllPages(query, pageReader)
                : pageReader.apply(query);
        List<T> results = page.getResults() == null ? List.of() : page.getResults();
        if (page.getPagination() != null) {
            in.setHeader(DataConnectorConstants.TOTAL_RESULTS, page.getPagination().getTotalResults());
        }
        in.setBody(results);
    }

    private DataConnectorOperation operation(Message in) {
        Object header = in.getHeader(DataConnectorConstants.OPERATION);
        DataConnectorOperation operation = header == null ? getEndpoint().getConfiguration().getOperation()
                : header instanceof DataConnectorOperation named ? named : DataConnectorOperation.of(header.toString());
        if (operation.isConsumer()) {
            throw new IllegalArgumentException("dataconnector:" + operation + " is a consumer, not an operation a"
                                               + " producer can invoke; valid operations: "
                                               + DataConnectorOperation.validNames());
        }
        return operation;
    }

    private static ListQuery query(Message in, DataConnectorConfiguration config, String projectId) {
        Map<String, String> filters = new LinkedHashMap<>();
        config.getFilter().forEach((field, value) -> filters.put(field, value == null ? null : value.toString()));
        return new ListQuery(config.getSort(), config.getSortFields(), config.getLimit(), config.getOffset(), projectId,
                filters);
    }

    private static String requestId(Message in, DataConnectorConfiguration config) {
        return value(in, DataConnectorConstants.REQUEST_ID, config.getRequestId(), "requestId");
    }

    private static String jobId(Message in, DataConnectorConfiguration config) {
        return value(in, DataConnectorConstants.JOB_ID, config.getJobId(), "jobId");
    }

    private static String fileName(Message in, DataConnectorConfiguration config) {
        return value(in, DataConnectorConstants.FILE_NAME, config.getFileName(), "fileName");
    }

    /** The header when present, else the endpoint option; a clear error naming both when neither is set. */
    private static String value(Message in, String header, String option, String optionName) {
        String value = in.getHeader(header, option, String.class);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Missing " + optionName + ": set the header " + header
                                               + " or the endpoint option " + optionName);
        }
        return value;
    }
}
