package io.dataconnector.camel.component.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.dataconnector.camel.component.model.DataRequest;
import io.dataconnector.camel.component.model.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a data request without ever creating it twice by a blind resend. Each created request spawns jobs and the
 * account may create only 24 jobs a day, so a duplicate costs quota and doubles the data.
 * <p>
 * After an ambiguous failure ({@link AmbiguousOutcomeException}) the account's newest requests are listed (newest
 * first, back to {@link #LOOK_BACK} before the first send) and one with the same description and the same body fields
 * is taken as the one this call created. When the listing answered and holds no such request, the POST is sent once
 * more. Otherwise the call fails with a {@link DataConnectorException} saying the request may exist.
 */
final class CreateRequestRecovery {

    /** How far before the first send a matching request still counts (clock skew between us and the API). */
    static final Duration LOOK_BACK = Duration.ofMinutes(5);
    private static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 5;
    private static final Logger LOG = LoggerFactory.getLogger(CreateRequestRecovery.class);

    private final DataConnectorClient client;
    private final Clock clock;

    CreateRequestRecovery(DataConnectorClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    DataRequest create(String accountId, DataRequest request) {
        Instant since = clock.instant().minus(LOOK_BACK);
        boolean resent = false;
        while (true) {
            AmbiguousOutcomeException failure;
            try {
                return client.createRequestOnce(accountId, request);
            } catch (AmbiguousOutcomeException e) {
                failure = e;
            }
            Optional<DataRequest> created;
            try {
                created = findCreated(accountId, request, since);
            } catch (DataConnectorException lookup) {
                throw mayExist(failure, "looking for it failed (" + lookup.getMessage() + ")");
            }
            if (created.isPresent()) {
                LOG.info("Data Connector createRequest (accountId={}) failed ambiguously ({}) but the API had created"
                         + " it: data request {} found among the newest requests; it is not sent again", accountId,
                        brief(failure), created.get().getId());
                return created.get();
            }
            if (resent) {
                throw mayExist(failure, "it was sent twice and the newest requests do not show it yet");
            }
            resent = true;
            LOG.warn("Data Connector createRequest (accountId={}) failed ambiguously ({}) and the newest requests do"
                     + " not hold it; sending it once more", accountId, brief(failure));
        }
    }

    private Optional<DataRequest> findCreated(String accountId, DataRequest request, Instant since) {
        ListQuery query = new ListQuery("desc", "-createdAt", PAGE_SIZE, 0, null, Map.of());
        int offset = 0;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            Page<DataRequest> page = client.listRequests(accountId, query.withOffset(offset));
            List<DataRequest> results = page.getResults();
            for (DataRequest listed : results) {
                if (listed.getCreatedAt() != null && listed.getCreatedAt().isBefore(since)) {
                    return Optional.empty();
                }
                if (sameRequest(request, listed)) {
                    return Optional.of(listed);
                }
            }
            offset += results.size();
            if (!page.hasMore()) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Same description, and every field the request sets has the same value in the listed one. */
    static boolean sameRequest(DataRequest sent, DataRequest listed) {
        return Objects.equals(sent.getDescription(), listed.getDescription())
               && same(sent.getScheduleInterval(), listed.getScheduleInterval())
               && same(sent.getReoccuringInterval(), listed.getReoccuringInterval())
               && sameInstant(sent.getEffectiveFrom(), listed.getEffectiveFrom())
               && sameInstant(sent.getEffectiveTo(), listed.getEffectiveTo())
               && sameInstant(sent.getStartDate(), listed.getStartDate())
               && sameInstant(sent.getEndDate(), listed.getEndDate())
               && same(sent.getDateRange(), listed.getDateRange())
               && same(sent.getProjectStatus(), listed.getProjectStatus())
               && same(sent.getProjectId(), listed.getProjectId())
               && same(sent.getCallbackUrl(), listed.getCallbackUrl())
               && same(sent.getSendEmail(), listed.getSendEmail())
               && sameItems(sent.getServiceGroups(), listed.getServiceGroups())
               && sameItems(sent.getProjectIdList(), listed.getProjectIdList());
    }

    private static boolean same(Object sent, Object listed) {
        return sent == null || sent.equals(listed);
    }

    private static boolean sameInstant(Instant sent, Instant listed) {
        return sent == null || listed != null
                               && sent.truncatedTo(ChronoUnit.MILLIS).equals(listed.truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean sameItems(List<String> sent, List<String> listed) {
        return sent == null || listed != null && new HashSet<>(sent).equals(new HashSet<>(listed));
    }

    private static String brief(AmbiguousOutcomeException failure) {
        return failure.getStatusCode() > 0 ? "HTTP " + failure.getStatusCode() : "connection lost";
    }

    private static DataConnectorException mayExist(AmbiguousOutcomeException failure, String why) {
        String text = failure.getApiError() == null || failure.getApiError().isBlank() ? "" : failure.getApiError() + "; ";
        return new DataConnectorException(failure.getStatusCode(), failure.getOperation(), failure.getResource(),
                text + "the data request MAY EXIST although the call failed: " + why
                                                  + ". List the requests (listRequests) before creating it again",
                failure);
    }
}
