package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.DataConnectorConstants;
import io.dataconnector.camel.component.model.ExtractFile;
import io.dataconnector.camel.component.model.Job;
import io.dataconnector.camel.etl.warehouse.LoadRequest;
import io.dataconnector.camel.etl.warehouse.LoadResult;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The ETL route's steps on one job's state, as a named bean ({@code dcEtlJobSteps}) shared by every template instance:
 * each method reads the job's {@link JobWork} from the exchange property {@value EtlHeaders#JOB_WORK} (set by
 * {@link #start}) and the message, and returns what the route carries on with. The decisions themselves are the
 * {@link JobPlanner}'s of the job's account and schema.
 */
public class JobSteps {

    private final EtlSchemas schemas;
    private final RunSummary summary;

    public JobSteps(EtlSchemas schemas, RunSummary summary) {
        this.schemas = schemas;
        this.summary = summary;
    }

    /**
     * @param schema    the instance's warehouse schema (exchange property {@value EtlHeaders#SCHEMA}); null = the
     *                  default {@code warehouse.schema}
     * @param accountId the job's account, as the completed-job consumer sets it
     * @return the state of a job starting: the planner of its account and schema, its own work directory
     */
    public JobWork start(@Body Job job, @ExchangeProperty(EtlHeaders.SCHEMA) String schema,
                         @Header(DataConnectorConstants.ACCOUNT_ID) String accountId) throws Exception {
        return schemas.planner(schema, accountId).start(job);
    }

    /** @return the files to fetch, chosen from the job's data listing */
    public JobPlan plan(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work, @Body List<ExtractFile> listing)
            throws Exception {
        return work.planner().plan(work, listing);
    }

    /** @return the job's plan (after its files were fetched) */
    public JobPlan currentPlan(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work) {
        return work.getPlan();
    }

    /** A file of the extract fetched on its own, now in the work directory. */
    public void spooled(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work,
                        @Header(DataConnectorConstants.FILE_NAME) String fileName, @Body Path file) {
        work.spooled(fileName, file);
    }

    /** @return a load request per CSV fetched file by file and not loaded yet */
    public List<LoadRequest> loadRequests(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work) throws Exception {
        return work.loadRequests();
    }

    /** @return the wanted CSVs that neither the ZIP nor the files fetched held */
    public List<ExtractFile> missingCsvs(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work) {
        return work.missingCsvs();
    }

    /** @return the load request of a CSV missing from the ZIP and then fetched on its own */
    public LoadRequest fetchedLoadRequest(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work,
                                          @Header(DataConnectorConstants.FILE_NAME) String fileName,
                                          @Body Path file) throws Exception {
        work.spooled(fileName, file);
        return work.takeLoadRequest(fileName);
    }

    /** A CSV missing from the ZIP that could not be fetched on its own: recorded as missing. */
    public void missing(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work,
                        @Header(DataConnectorConstants.FILE_NAME) String fileName,
                        @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception why) {
        work.planner().missing(work, fileName, why);
    }

    /** @return a table's load result as it settles (quarantined after its last attempt), counted in the summary */
    public LoadResult record(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work, @Body LoadResult result) {
        LoadResult settled = work.planner().settle(result);
        summary.add(settled);
        work.getResults().add(settled);
        return settled;
    }

    /** The job's end: marked done in the history when every wanted table is loaded or terminal. */
    public void finish(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work) throws Exception {
        work.planner().finish(work);
    }

    /**
     * A job-level failure (listing, download, unzip), recorded. Rethrown, so the completed-job consumer releases the
     * job for a later poll, unless the job is now terminal (gone, quarantined): no later poll may retry it.
     */
    public void failed(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception caught) throws Exception {
        if (work == null || !work.planner().failed(work, work.getJob(), caught)) {
            throw caught;
        }
    }

    /** Deletes the job's work directory. */
    public void cleanup(@ExchangeProperty(EtlHeaders.JOB_WORK) JobWork work) {
        if (work != null) {
            work.cleanup();
        }
    }
}
