package io.dataconnector.camel.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The ids and times shared by all tables of one extract, so that references line up: the account, its projects,
 * users (HQ ids and Autodesk ids), companies, the extract's creation time and the job's date window.
 */
final class ExtractWorld {

    final String accountId;
    final List<String> projectIds;
    final List<String> userIds;
    final List<String> autodeskIds;
    final List<String> companyIds;
    final Instant createdAt;
    final DateWindow window;

    private ExtractWorld(String accountId, List<String> projectIds, List<String> userIds, List<String> autodeskIds,
                         List<String> companyIds, Instant createdAt, DateWindow window) {
        this.accountId = accountId;
        this.projectIds = projectIds;
        this.userIds = userIds;
        this.autodeskIds = autodeskIds;
        this.companyIds = companyIds;
        this.createdAt = createdAt;
        this.window = window;
    }

    /**
     * A world of {@code people} users and companies, the given projects topped up to {@code projects}, drawn from
     * {@code random}.
     */
    static ExtractWorld create(Random random, String accountId, List<String> knownProjects, int projects, int people,
                               Instant createdAt, DateWindow window) {
        List<String> p = new ArrayList<>(knownProjects == null ? List.of() : knownProjects);
        while (p.size() < projects) {
            p.add(ValueShapes.uuid4(random));
        }
        List<String> users = new ArrayList<>();
        List<String> autodesk = new ArrayList<>();
        List<String> companies = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            users.add(ValueShapes.uuid4(random));
            autodesk.add(ValueShapes.autodeskId(random, i));
            companies.add(ValueShapes.uuid4(random));
        }
        return new ExtractWorld(accountId, List.copyOf(p), List.copyOf(users), List.copyOf(autodesk),
                List.copyOf(companies), createdAt, window);
    }
}
