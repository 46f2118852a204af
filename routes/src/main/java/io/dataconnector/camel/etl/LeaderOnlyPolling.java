package io.dataconnector.camel.etl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.cluster.ClusterServiceHelper;

/**
 * Leader election for the ETL: every route whose id starts with {@code routeIdPrefix} (the completed-job poll routes,
 * {@code dc-etl-poll...}) runs under Camel's {@link ClusteredRoutePolicy} for one cluster namespace, so only the
 * instance that leads that namespace polls, downloads and loads; the others keep the route stopped and start it
 * within the cluster service's session timeout after the leader is gone. Routes called by the poll route
 * ({@code direct:}) are left alone: a follower never calls them.
 * <p>
 * The cluster service itself is whatever {@link CamelClusterService} the user binds (Camel Main adds every such bean
 * of the registry to the context), e.g. {@code camel.beans.dcCluster=#class:org.apache.camel.component.zookeeper.
 * cluster.ZooKeeperClusterService}. Switched on by the launcher key {@value #NAMESPACE_KEY}.
 */
public final class LeaderOnlyPolling implements RoutePolicyFactory {

    /** Launcher key: the cluster namespace (leadership group) of the poll routes; blank = no leader election. */
    public static final String NAMESPACE_KEY = "etl.cluster.namespace";
    /** Ids of the routes that run on the leader only start with this. */
    public static final String POLL_ROUTE_PREFIX = "dc-etl-poll";

    private final String namespace;
    private final String routeIdPrefix;

    /**
     * @param namespace     the cluster namespace every instance of one deployment shares (not blank)
     * @param routeIdPrefix routes whose id starts with this run on the leader only
     * @throws IllegalArgumentException when the namespace is blank
     */
    public LeaderOnlyPolling(String namespace, String routeIdPrefix) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException(NAMESPACE_KEY + " must not be blank");
        }
        this.namespace = namespace.trim();
        this.routeIdPrefix = routeIdPrefix;
    }

    public String namespace() {
        return namespace;
    }

    /**
     * @return a clustered route policy for a poll route, null for any other route
     * @throws IllegalStateException when no cluster service is configured
     */
    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        if (routeId == null || !routeId.startsWith(routeIdPrefix)) {
            return null;
        }
        CamelClusterService service = clusterService(context);
        try {
            return ClusteredRoutePolicy.forNamespace(service, namespace);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the leader-only policy of route " + routeId + " for "
                                            + NAMESPACE_KEY + "=" + namespace + ": " + e.getMessage(), e);
        }
    }

    /**
     * The context's cluster service, else the one cluster service bean of the registry, added to the context (Camel
     * Main creates the routes before it would add such beans itself).
     */
    private CamelClusterService clusterService(CamelContext context) {
        Optional<CamelClusterService> running = ClusterServiceHelper.lookupService(context);
        if (running.isPresent()) {
            return running.get();
        }
        Map<String, CamelClusterService> beans = context.getRegistry().findByTypeWithName(CamelClusterService.class);
        if (beans.isEmpty()) {
            throw new IllegalStateException(NAMESPACE_KEY + "=" + namespace + " asks for leader election but no "
                                            + "cluster service is configured: bind one, e.g. camel.beans.dcCluster="
                                            + "#class:org.apache.camel.component.zookeeper.cluster."
                                            + "ZooKeeperClusterService and camel.beans.dcCluster.nodes=host:2181");
        }
        if (beans.size() > 1) {
            throw new IllegalStateException(NAMESPACE_KEY + "=" + namespace + ": more than one cluster service bean "
                                            + beans.keySet() + "; bind exactly one");
        }
        CamelClusterService service = beans.values().iterator().next();
        if (service.getId() == null || service.getId().isBlank()) {
            // the member id in the election; unique per process unless the user sets camel.beans.<name>.id
            service.setId(memberId());
        }
        try {
            context.addService(service, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add the cluster service " + beans.keySet() + ": " + e.getMessage(),
                    e);
        }
        return service;
    }

    /** {@code <host name>-<pid>}: what an operator recognises in the cluster view. */
    static String memberId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
