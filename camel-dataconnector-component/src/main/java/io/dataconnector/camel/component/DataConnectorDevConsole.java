package io.dataconnector.camel.component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dataconnector.camel.component.api.ClientStatistics;
import io.dataconnector.camel.component.api.DataConnectorClient;
import io.dataconnector.camel.component.api.DataConnectorException;
import io.dataconnector.camel.component.api.JobQuota;
import io.dataconnector.camel.component.auth.TokenProviders;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code dataconnector} dev console: per endpoint the account, the auth mode, the token's expiry (never the
 * token), API calls in the last minute against the budget, retries and 429s; per jobs consumer the last poll and the
 * jobs seen and claimed; per account the jobs created in the last 24 hours against the quota (one API call per
 * account each time the console is shown).
 */
@DevConsole(name = "dataconnector", displayName = "Data Connector", description = "ACC Data Connector endpoints,"
                                                                                  + " consumers and job quota")
public class DataConnectorDevConsole extends AbstractDevConsole {

    public DataConnectorDevConsole() {
        super("camel", "dataconnector", "Data Connector", "ACC Data Connector endpoints, consumers and job quota");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        JsonObject json = doCallJson(options);
        StringBuilder sb = new StringBuilder();
        for (Object o : (JsonArray) json.get("endpoints")) {
            JsonObject e = (JsonObject) o;
            sb.append(String.format("Endpoint %s%n    account: %s  auth: %s  token expires: %s%n"
                                    + "    calls last minute: %s/%s  total calls: %s  retries: %s  429s: %s%n",
                    e.get("uri"), e.get("accountId"), e.get("authMode"), e.getOrDefault("tokenExpiresAt", "n/a"),
                    e.get("callsLastMinute"), e.get("callsPerMinute"), e.get("calls"), e.get("retries"),
                    e.get("throttled")));
        }
        for (Object o : (JsonArray) json.get("consumers")) {
            JsonObject c = (JsonObject) o;
            sb.append(String.format("Consumer %s (route %s)%n    last poll: %s  jobs seen: %s  claimed: %s%n",
                    c.get("uri"), c.get("routeId"), c.getOrDefault("lastPollAt", "never"), c.get("jobsSeen"),
                    c.get("jobsClaimed")));
        }
        for (Object o : (JsonArray) json.get("accounts")) {
            JsonObject a = (JsonObject) o;
            sb.append(String.format("Account %s: jobs created in the last 24 h: %s/%s%s%n", a.get("accountId"),
                    a.getOrDefault("jobsLast24h", "unknown"), a.get("dailyJobQuota"),
                    a.containsKey("error") ? " (" + a.get("error") + ")" : ""));
        }
        return sb.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonArray endpoints = new JsonArray();
        Map<String, DataConnectorEndpoint> byAccount = new LinkedHashMap<>();
        for (DataConnectorEndpoint endpoint : endpoints()) {
            DataConnectorClient client = endpoint.getClient();
            DataConnectorConfiguration configuration = endpoint.getConfiguration();
            ClientStatistics statistics = client.getStatistics();
            JsonObject e = new JsonObject();
            e.put("uri", endpoint.getEndpointBaseUri());
            e.put("accountId", configuration.getAccountId());
            e.put("authMode", TokenProviders.authMode(client.getTokenProvider()));
            Instant expiresAt = TokenProviders.expiresAt(client.getTokenProvider());
            if (expiresAt != null) {
                e.put("tokenExpiresAt", expiresAt.toString());
            }
            e.put("callsLastMinute", client.getCallBudget().callsInWindow());
            e.put("callsPerMinute", client.getCallBudget().callsPerWindow());
            e.put("calls", statistics.getCalls());
            e.put("retries", statistics.getRetries());
            e.put("throttled", statistics.getThrottled());
            endpoints.add(e);
            if (configuration.getAccountId() != null) {
                byAccount.putIfAbsent(configuration.getAccountId(), endpoint);
            }
        }
        JsonArray consumers = new JsonArray();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof DataConnectorJobsConsumer consumer) {
                JsonObject c = new JsonObject();
                c.put("uri", consumer.getEndpoint().getEndpointBaseUri());
                c.put("routeId", route.getRouteId());
                if (consumer.getLastPollAt() != null) {
                    c.put("lastPollAt", consumer.getLastPollAt().toString());
                }
                c.put("jobsSeen", consumer.getJobsSeen());
                c.put("jobsClaimed", consumer.getJobsClaimed());
                consumers.add(c);
            }
        }
        JsonArray accounts = new JsonArray();
        byAccount.forEach((accountId, endpoint) -> {
            JsonObject a = new JsonObject();
            a.put("accountId", accountId);
            a.put("dailyJobQuota", endpoint.getConfiguration().getDailyJobQuota() > 0
                    ? endpoint.getConfiguration().getDailyJobQuota() : JobQuota.DEFAULT_DAILY_JOBS);
            try {
                a.put("jobsLast24h", JobQuota.usage(endpoint.getClient(), accountId, Instant.now()).count());
            } catch (DataConnectorException ex) {
                a.put("error", ex.getMessage());
            }
            accounts.add(a);
        });
        JsonObject root = new JsonObject();
        root.put("endpoints", endpoints);
        root.put("consumers", consumers);
        root.put("accounts", accounts);
        return root;
    }

    private List<DataConnectorEndpoint> endpoints() {
        List<DataConnectorEndpoint> found = new ArrayList<>();
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof DataConnectorEndpoint dc && dc.getClient() != null) {
                found.add(dc);
            }
        }
        return found;
    }
}
