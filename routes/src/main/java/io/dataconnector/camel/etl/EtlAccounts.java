package io.dataconnector.camel.etl;

import io.dataconnector.camel.component.DataConnectorComponent;
import io.dataconnector.camel.etl.warehouse.Identifiers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.RouteTemplateParameterSource;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many accounts in one configuration: every {@code accounts.<name>.<key>} property (in a properties file Camel reads;
 * values may be {@code {{env:NAME}}}) declares one account, loaded by its own instance of the
 * {@code dataconnector-etl} route template, route {@code dc-etl-poll-<name>} (so {@link LeaderOnlyPolling} covers it).
 * Per account:
 * <ul>
 * <li>its own connection: a {@code dataconnector} component named {@code dataconnector-<name>}, configured by every
 * key of the account that is not one of the ETL keys below, with the component's option names in kebab case
 * ({@code client-id}, {@code client-secret}, {@code refresh-token}, {@code token-store}, {@code access-token},
 * {@code service-account-id}, {@code base-url}, {@code calls-per-minute}, {@code daily-job-quota}, …): its own
 * credentials, token store, call budget and job quota;</li>
 * <li>its own warehouse schema ({@code warehouse-schema}, default the account's name in lower case): its tables, its load history
 * (each row carrying the account id) and its job claims ({@code dcEtlJobRepository-<name>}).</li>
 * </ul>
 * ETL keys: {@code account-id} (required), {@code warehouse-schema}, {@code look-back}, {@code max-attempts}
 * (default {@code etl.look-back}, {@code etl.max-attempts}), {@code after-job} (an endpoint told of each job loaded),
 * {@code connection} (the name of an existing dataconnector component to use instead of one of its own: then no
 * component key may be given). The instances are created by Camel from this bean, a
 * {@link RouteTemplateParameterSource} bound as {@value #NAME}, once the template is loaded.
 * <p>
 * Bad configuration fails the start with a message naming the key: an account without {@code account-id}, a key
 * that is neither an ETL key nor a component option, two accounts with one schema or one token store, an invalid
 * name or schema. Messages never contain a value (they may be secrets).
 */
public final class EtlAccounts implements RouteTemplateParameterSource {

    /** The registry name. */
    public static final String NAME = "dcEtlAccounts";
    /** The prefix of every account key. */
    public static final String PREFIX = "accounts.";
    /** The id of each account's poll route is this plus the account's name. */
    public static final String ROUTE_PREFIX = LeaderOnlyPolling.POLL_ROUTE_PREFIX + "-";
    /** The name of each account's own dataconnector component is this plus the account's name. */
    public static final String COMPONENT_PREFIX = "dataconnector-";
    /** The registry name of each account's job claims is this plus the account's name. */
    public static final String JOB_REPOSITORY_PREFIX = EtlBeans.JOB_REPOSITORY + "-";
    static final String TEMPLATE = "dataconnector-etl";

    static final String ACCOUNT_ID = "account-id";
    static final String SCHEMA = "warehouse-schema";
    static final String LOOK_BACK = "look-back";
    static final String MAX_ATTEMPTS = "max-attempts";
    static final String AFTER_JOB = "after-job";
    static final String CONNECTION = "connection";
    private static final Set<String> ETL_KEYS = Set.of(ACCOUNT_ID, SCHEMA, LOOK_BACK, MAX_ATTEMPTS, AFTER_JOB,
            CONNECTION);
    /** Component options whose value may be a {@code #bean} reference; any other value is taken literally. */
    private static final Set<String> REFERENCES = Set.of("token-provider", "ssl-context-parameters");
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9_]{1,40}");

    private static final Logger LOG = LoggerFactory.getLogger(EtlAccounts.class);

    /**
     * One account.
     *
     * @param name       its name in the configuration ({@code accounts.<name>.*})
     * @param accountId  the ACC account (hub) id
     * @param schema     its warehouse schema
     * @param connection the name of the dataconnector component its API calls use
     */
    public record Account(String name, String accountId, String schema, String connection) {

        /** @return the id of its poll route */
        public String routeId() {
            return ROUTE_PREFIX + name;
        }
    }

    private final Map<String, Account> accounts;
    private final Map<String, Map<String, Object>> parameters;

    private EtlAccounts(Map<String, Account> accounts, Map<String, Map<String, Object>> parameters) {
        this.accounts = accounts;
        this.parameters = parameters;
    }

    /** @return whether the properties declare an account (an {@code accounts.*} key) */
    public static boolean declared(Properties properties) {
        return properties.stringPropertyNames().stream().anyMatch(k -> k.startsWith(PREFIX));
    }

    /** @return how many accounts the context's properties declare ({@code accounts.<name>.*}), 0 when none */
    public static int count(CamelContext context) {
        return read(context.getPropertiesComponent()).size();
    }

    /**
     * Reads the {@code accounts.*} keys of the context's properties; for each account creates and adds its
     * dataconnector component, binds its job claims (creating its schema and load history) and binds this bean,
     * which makes Camel create the template instances. Nothing is bound when no account is declared.
     *
     * @return the accounts, in name order (empty when none is declared)
     * @throws IllegalArgumentException for bad configuration, naming the key
     */
    public static EtlAccounts bind(CamelContext context, EtlSchemas schemas) throws Exception {
        Map<String, Map<String, String>> declared = read(context.getPropertiesComponent());
        Map<String, Account> accounts = new LinkedHashMap<>();
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        Map<String, String> schemaOwners = new LinkedHashMap<>();
        Map<String, String> tokenStoreOwners = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : declared.entrySet()) {
            String name = e.getKey();
            Map<String, String> keys = e.getValue();
            String accountId = keys.get(ACCOUNT_ID);
            if (accountId == null || accountId.isBlank()) {
                throw new IllegalArgumentException(key(name, ACCOUNT_ID) + " is required (the ACC account id of "
                                                   + "account '" + name + "', without \"b.\")");
            }
            String schema = Identifiers.validate(key(name, SCHEMA), keys.getOrDefault(SCHEMA, name.toLowerCase(java.util.Locale.ROOT)).trim());
            String other = schemaOwners.putIfAbsent(schema.toLowerCase(java.util.Locale.ROOT), name);
            if (other != null) {
                throw new IllegalArgumentException(key(name, SCHEMA) + " names schema " + schema + ", the schema of "
                                                   + "account '" + other + "' too: each account needs a schema of its "
                                                   + "own (its tables, load history and job claims)");
            }
            String tokenStore = keys.get("token-store");
            if (tokenStore != null && !tokenStore.isBlank()) {
                other = tokenStoreOwners.putIfAbsent(tokenStore.trim(), name);
                if (other != null) {
                    throw new IllegalArgumentException(key(name, "token-store") + " is the token store of account '"
                                                       + other + "' too: a refresh token is single-use, so two "
                                                       + "accounts sharing one would lock each other out");
                }
            }
            String connection = connection(context, name, keys);
            Account account = new Account(name, accountId.trim(), schema, connection);
            JobClaims claims = schemas.claims(schema, account.accountId());
            context.getRegistry().bind(JOB_REPOSITORY_PREFIX + name, claims);
            accounts.put(name, account);
            parameters.put(account.routeId(), templateParameters(context, account, keys));
            LOG.info("Account '{}': account {}, warehouse schema {}, connection {}, route {}", name,
                    account.accountId(), schema, connection, account.routeId());
        }
        EtlAccounts bound = new EtlAccounts(accounts, parameters);
        if (!accounts.isEmpty()) {
            context.getRegistry().bind(NAME, bound);
        }
        return bound;
    }

    /** name → key → value (placeholders resolved), from every {@code accounts.<name>.<key>} property. */
    private static Map<String, Map<String, String>> read(PropertiesComponent pc) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (String k : pc.loadProperties(k -> k.startsWith(PREFIX)).stringPropertyNames()) {
            String rest = k.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new IllegalArgumentException(k + " is not an account key: use accounts.<name>.<key>, e.g. "
                                                   + "accounts.north.account-id");
            }
            String name = rest.substring(0, dot);
            if (!NAME_PATTERN.matcher(name).matches()) {
                throw new IllegalArgumentException(k + ": the account name '" + name + "' must be 1 to 40 letters, "
                                                   + "digits or underscores");
            }
            String value;
            try {
                value = pc.resolveProperty(k).orElse("");
            } catch (RuntimeException unresolvable) {
                // e.g. {{env:NAME}} of an unset variable; the message names the placeholder, not a value
                throw new IllegalArgumentException(k + " cannot be resolved: " + unresolvable.getMessage(),
                        unresolvable);
            }
            out.computeIfAbsent(name, n -> new TreeMap<>()).put(rest.substring(dot + 1), value);
        }
        return out;
    }

    /** The account's own component (created from its component keys), or the existing one it names. */
    private static String connection(CamelContext context, String name, Map<String, String> keys) throws Exception {
        List<String> componentKeys = keys.keySet().stream().filter(k -> !ETL_KEYS.contains(k)).toList();
        String shared = keys.get(CONNECTION);
        if (shared != null && !shared.isBlank()) {
            if (!componentKeys.isEmpty()) {
                throw new IllegalArgumentException(key(name, componentKeys.get(0)) + " is given together with "
                                                   + key(name, CONNECTION) + ": an account either names an existing "
                                                   + "dataconnector component or configures its own");
            }
            Component existing = context.getComponent(shared.trim(), false);
            if (!(existing instanceof DataConnectorComponent)) {
                throw new IllegalArgumentException(key(name, CONNECTION) + " names no dataconnector component");
            }
            return shared.trim();
        }
        DataConnectorComponent component = new DataConnectorComponent();
        component.setCamelContext(context);
        component.getConfiguration().setAccountId(keys.get(ACCOUNT_ID).trim());
        for (String k : componentKeys) {
            bindOption(context, component, name, k, keys.get(k));
        }
        String componentName = COMPONENT_PREFIX + name;
        context.addComponent(componentName, component);
        return componentName;
    }

    /** Sets one component option: a component-level one, else one of its configuration. Never shows the value. */
    private static void bindOption(CamelContext context, DataConnectorComponent component, String name, String k,
                                   String value) {
        String option = StringHelper.dashToCamelCase(k);
        boolean reference = REFERENCES.contains(k);
        try {
            for (Object target : new Object[] { component, component.getConfiguration() }) {
                if (PropertyBindingSupport.build().withCamelContext(context).withTarget(target).withIgnoreCase(true)
                        .withReference(reference).withRemoveParameters(false).withProperty(option, value).bind()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key(name, k) + " has a value the option " + option + " cannot take ("
                                               + e.getClass().getSimpleName() + ")");
        }
        throw new IllegalArgumentException(key(name, k) + " is not an account key: the ETL keys are "
                                           + new TreeMap<>(Map.of(ACCOUNT_ID, 1, SCHEMA, 1, LOOK_BACK, 1,
                                                   MAX_ATTEMPTS, 1, AFTER_JOB, 1, CONNECTION, 1)).keySet()
                                           + ", any other key is a dataconnector component option in kebab case "
                                           + "(client-id, client-secret, refresh-token, token-store, base-url, …)");
    }

    private static Map<String, Object> templateParameters(CamelContext context, Account account,
                                                          Map<String, String> keys) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("templateId", TEMPLATE);
        p.put("accountId", account.accountId());
        p.put("connection", account.connection());
        p.put("warehouseSchema", account.schema());
        p.put("jobRepository", JOB_REPOSITORY_PREFIX + account.name());
        PropertiesComponent pc = context.getPropertiesComponent();
        // the launcher's scheduling (Quartz on etl.cron, or one poll in run-once mode) when it gives one
        if (pc.resolveProperty("etl.schedule").isPresent()) {
            p.put("schedule", "{{etl.schedule}}");
        }
        putKeyOrDefault(p, pc, keys, "lookBack", LOOK_BACK, "etl.look-back");
        putKeyOrDefault(p, pc, keys, "maxAttempts", MAX_ATTEMPTS, "etl.max-attempts");
        if (keys.containsKey(AFTER_JOB)) {
            p.put("afterJob", keys.get(AFTER_JOB).trim());
        }
        return p;
    }

    private static void putKeyOrDefault(Map<String, Object> p, PropertiesComponent pc, Map<String, String> keys,
                                        String parameter, String key, String defaultKey) {
        if (keys.containsKey(key)) {
            p.put(parameter, keys.get(key).trim());
        } else if (pc.resolveProperty(defaultKey).isPresent()) {
            p.put(parameter, "{{" + defaultKey + "}}");
        }
    }

    private static String key(String name, String key) {
        return PREFIX + name + "." + key;
    }

    /** @return whether no account is declared */
    public boolean isEmpty() {
        return accounts.isEmpty();
    }

    /** @return the accounts, in name order */
    public List<Account> accounts() {
        return List.copyOf(accounts.values());
    }

    /** @return the schema of each account, in name order */
    public List<String> schemas() {
        List<String> out = new ArrayList<>();
        accounts.values().forEach(a -> out.add(a.schema()));
        return out;
    }

    @Override
    public Map<String, Object> parameters(String routeId) {
        return new LinkedHashMap<>(parameters.get(routeId));
    }

    @Override
    public Set<String> routeIds() {
        return parameters.keySet();
    }
}
