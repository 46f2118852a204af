package io.dataconnector.camel.simulator;

import io.dataconnector.camel.simulator.TableDefinition.Column;
import io.dataconnector.camel.simulator.TableDefinition.RowContext;
import io.dataconnector.camel.simulator.TableDefinition.ValueGen;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The realistic table definitions the simulator generates extracts from. */
public final class Tables {

    public static final String UUID_T = "string: UUID";
    public static final String STRING = "string";
    public static final String TIMESTAMP = "timestamp: SQL";
    public static final String NUMBER = "number";
    public static final String BOOLEAN = "boolean";
    public static final String ENUM = "enum: string";

    static final DateTimeFormatter SQL_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final long BASE_EPOCH = Instant.parse("2023-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = 3L * 365 * 24 * 3600;

    private static final String[] FIRST = {"Anna", "Luca", "Mei", "Noah", "Sofia", "Jonas", "Aiko", "Omar", "Lena",
        "Mateo", "Chloé", "Björn", "Priya", "Kenji", "Zoë", "Ivan"};
    private static final String[] LAST = {"Müller", "Rossi", "Tanaka", "Smith", "García", "Nowak", "Dubois", "Khan",
        "Schmidt", "Silva", "Johansson", "O'Brien", "Nguyen", "Kowalski"};
    private static final String[] CITIES = {"Zürich", "東京", "New York", "São Paulo", "München", "London", "Montréal",
        "Kraków", "Oslo", "Sydney"};
    private static final String[] COUNTRIES = {"Switzerland", "Japan", "United States", "Brazil", "Germany",
        "United Kingdom", "Canada", "Poland", "Norway", "Australia"};
    private static final String[] TRADES = {"Concrete", "Electrical", "Plumbing", "Drywall", "Architecture",
        "Structural Engineering", "HVAC", "Roofing", "General Contractor"};
    private static final String[] COMPANY_WORDS = {"Acme", "Northwind", "Summit", "Granite", "Blue River", "Keystone",
        "Ironbridge", "Evergreen", "Atlas", "Pioneer"};
    private static final String[] COMPANY_SUFFIX = {"Builders", "Construction", "Engineering", "AG", "GmbH", "Ltd.",
        "& Sons", "Partners"};
    private static final String[] PROJECT_WORDS = {"Harbor", "Tower", "Campus", "Bridge", "Hospital", "Station",
        "Plaza", "Residences", "Terminal", "Library"};
    private static final String[] JOB_TITLES = {"Project Manager", "Site Engineer", "Architect", "Superintendent",
        "Estimator", "BIM Coordinator", "Safety Officer"};
    private static final String[] ISSUE_TITLES = {"Crack in slab at grid C4", "Missing fire stopping",
        "Door hardware mismatch", "Leak near roof drain", "Cable tray clash with duct", "Paint touch-up required",
        "Handrail height out of tolerance"};
    private static final String[] RFI_TITLES = {"Clarify rebar spacing", "Confirm window supplier",
        "Beam penetration approval", "Finish schedule conflict", "Elevator pit depth", "Curtain wall anchor detail"};
    private static final String[] ACTIONS = {"user.added", "user.removed", "project.created", "project.updated",
        "company.updated", "role.changed", "service.activated"};
    private static final String[] TRICKY = {"He said \"stop\" twice", "Smith, John", "first line\nsecond line",
        "Zürich", "東京 オフィス", "trailing space ", "semi;colon, and \"both\"\r\nCRLF"};

    private Tables() {
    }

    /** All built-in tables, in extract order. */
    public static List<TableDefinition> all() {
        List<TableDefinition> t = new ArrayList<>();
        t.add(table("admin_users", "admin", "Account members",
                col("id", UUID_T, false, "User id", (c) -> c.world.userIds.get(c.row % c.world.userIds.size())),
                col("account_id", UUID_T, false, "Account id", c -> c.world.accountId),
                col("email", STRING, false, "E-mail address", c -> email(c)),
                col("name", STRING, false, "Full name", c -> text(c, pick(c, FIRST) + " " + pick(c, LAST))),
                col("first_name", STRING, true, "First name", c -> pick(c, FIRST)),
                col("last_name", STRING, true, "Last name", c -> text(c, pick(c, LAST))),
                col("company_id", UUID_T, true, "Company id", c -> nullable(c, pick(c, c.world.companyIds), 8)),
                col("job_title", STRING, true, "Job title", c -> text(c, pick(c, JOB_TITLES))),
                col("city", STRING, true, "City", c -> pick(c, CITIES)),
                col("status", ENUM, false, "active | inactive | pending", c -> pick(c, "active", "active", "inactive",
                        "pending")),
                col("is_admin", BOOLEAN, false, "Account administrator", c -> bool(c, c.random.nextInt(5) == 0)),
                col("created_at", TIMESTAMP, false, "Creation time", c -> ts(c)),
                col("updated_at", TIMESTAMP, true, "Last update", c -> nullable(c, ts(c), 6))));
        t.add(table("admin_projects", "admin", "Projects of the account",
                col("id", UUID_T, false, "Project id", c -> c.world.projectIds.get(c.row % c.world.projectIds.size())),
                col("account_id", UUID_T, false, "Account id", c -> c.world.accountId),
                col("name", STRING, false, "Project name", c -> text(c, pick(c, CITIES) + " " + pick(c, PROJECT_WORDS)
                        + " " + (c.row + 1))),
                col("job_number", STRING, true, "Job number", c -> nullable(c, "JN-" + (1000 + c.random.nextInt(9000)),
                        5)),
                col("status", ENUM, false, "active | archived | suspended", c -> pick(c, "active", "active",
                        "archived", "suspended")),
                col("type", STRING, true, "Project type", c -> pick(c, "Commercial", "Residential", "Infrastructure",
                        "Healthcare")),
                col("city", STRING, true, "City", c -> pick(c, CITIES)),
                col("country", STRING, true, "Country", c -> pick(c, COUNTRIES)),
                col("project_value", NUMBER, true, "Contract value", c -> nullable(c, decimal(c, 100000, 90000000),
                        7)),
                col("currency", STRING, true, "ISO currency", c -> pick(c, "USD", "EUR", "CHF", "JPY")),
                col("start_date", TIMESTAMP, true, "Start", c -> nullable(c, ts(c), 9)),
                col("end_date", TIMESTAMP, true, "Planned end", c -> nullable(c, ts(c), 4)),
                col("is_template", BOOLEAN, false, "Project template", c -> bool(c, c.random.nextInt(10) == 0)),
                col("created_at", TIMESTAMP, false, "Creation time", c -> ts(c)),
                col("updated_at", TIMESTAMP, true, "Last update", c -> ts(c))));
        t.add(table("admin_companies", "admin", "Companies of the account",
                col("id", UUID_T, false, "Company id", c -> c.world.companyIds.get(c.row % c.world.companyIds.size())),
                col("account_id", UUID_T, false, "Account id", c -> c.world.accountId),
                col("name", STRING, false, "Company name", c -> text(c, pick(c, COMPANY_WORDS) + " "
                        + pick(c, COMPANY_SUFFIX))),
                col("trade", STRING, true, "Trade", c -> pick(c, TRADES)),
                col("address_line_1", STRING, true, "Address", c -> text(c, (1 + c.random.nextInt(200))
                        + " Main Street")),
                col("city", STRING, true, "City", c -> pick(c, CITIES)),
                col("country", STRING, true, "Country", c -> pick(c, COUNTRIES)),
                col("phone", STRING, true, "Phone", c -> nullable(c, "+41 44 " + (100 + c.random.nextInt(900)) + " "
                        + (10 + c.random.nextInt(90)) + " " + (10 + c.random.nextInt(90)), 6)),
                col("website", STRING, true, "Web site", c -> nullable(c, "https://www.example-" + c.row + ".com", 3)),
                col("member_count", NUMBER, true, "Members", c -> String.valueOf(c.random.nextInt(500))),
                col("created_at", TIMESTAMP, false, "Creation time", c -> ts(c)),
                col("updated_at", TIMESTAMP, true, "Last update", c -> ts(c))));
        t.add(table("issues_issues", "issues", "Issues",
                col("id", UUID_T, false, "Issue id", c -> uuid(c)),
                col("project_id", UUID_T, false, "Project id", c -> pick(c, c.world.projectIds)),
                col("display_id", NUMBER, false, "Number shown in the UI", c -> String.valueOf(c.row + 1)),
                col("title", STRING, false, "Title", c -> text(c, pick(c, ISSUE_TITLES))),
                col("description", STRING, true, "Description", c -> text(c, nullable(c, "See photo " + c.row
                        + ", level " + c.random.nextInt(20), 4))),
                col("status", ENUM, false, "draft | open | pending | in_review | closed", c -> pick(c, "draft", "open",
                        "open", "pending", "in_review", "closed")),
                col("assignee_id", UUID_T, true, "Assigned user", c -> nullable(c, pick(c, c.world.userIds), 5)),
                col("due_date", TIMESTAMP, true, "Due", c -> nullable(c, ts(c), 3)),
                col("created_by", UUID_T, false, "Creator", c -> pick(c, c.world.userIds)),
                col("created_at", TIMESTAMP, false, "Creation time", c -> ts(c)),
                col("closed_at", TIMESTAMP, true, "Closing time", c -> nullable(c, ts(c), 2)),
                col("published", BOOLEAN, false, "Published", c -> bool(c, c.random.nextInt(4) != 0)),
                col("deleted", BOOLEAN, false, "Deleted", c -> bool(c, c.random.nextInt(12) == 0))));
        t.add(table("rfis_rfis", "rfis", "Requests for information",
                col("id", UUID_T, false, "RFI id", c -> uuid(c)),
                col("project_id", UUID_T, false, "Project id", c -> pick(c, c.world.projectIds)),
                col("custom_identifier", STRING, false, "RFI number", c -> String.format(Locale.ROOT, "RFI-%04d",
                        c.row + 1)),
                col("title", STRING, false, "Title", c -> text(c, pick(c, RFI_TITLES))),
                col("question", STRING, true, "Question", c -> text(c, nullable(c, "Please confirm detail "
                        + c.random.nextInt(99) + " on sheet A-" + (100 + c.random.nextInt(400)), 5))),
                col("status", ENUM, false, "draft | submitted | open | answered | closed", c -> pick(c, "draft",
                        "submitted", "open", "answered", "closed")),
                col("priority", ENUM, true, "low | normal | high", c -> pick(c, "low", "normal", "high")),
                col("cost_impact", NUMBER, true, "Cost impact", c -> nullable(c, decimal(c, 0, 250000), 3)),
                col("schedule_impact_days", NUMBER, true, "Schedule impact in days", c -> nullable(c,
                        String.valueOf(c.random.nextInt(60)), 3)),
                col("created_by", UUID_T, false, "Creator", c -> pick(c, c.world.userIds)),
                col("created_at", TIMESTAMP, false, "Creation time", c -> ts(c)),
                col("answered_at", TIMESTAMP, true, "Answer time", c -> nullable(c, ts(c), 2)),
                col("is_deleted", BOOLEAN, false, "Deleted", c -> bool(c, false))));
        t.add(table("activities_admin_activities", "activities", "Audit trail of account administration",
                col("id", UUID_T, false, "Activity id", c -> uuid(c)),
                col("account_id", UUID_T, false, "Account id", c -> c.world.accountId),
                col("project_id", UUID_T, true, "Project id", c -> nullable(c, pick(c, c.world.projectIds), 4)),
                col("actor_id", UUID_T, false, "Acting user", c -> pick(c, c.world.userIds)),
                col("action", ENUM, false, "Action", c -> pick(c, ACTIONS)),
                col("object_type", STRING, false, "Object type", c -> pick(c, "user", "project", "company", "role")),
                col("object_id", UUID_T, false, "Object id", c -> uuid(c)),
                col("details", STRING, true, "JSON details", c -> text(c, "{\"source\":\"web\",\"count\":"
                        + c.random.nextInt(10) + "}")),
                col("created_at", TIMESTAMP, false, "Event time", c -> ts(c))));
        return t;
    }

    /** A built-in table by name. */
    public static Optional<TableDefinition> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static TableDefinition table(String name, String group, String description, Column... cols) {
        return new TableDefinition(name, group, description, List.of(cols));
    }

    private static Column col(String name, String type, boolean nullable, String description, ValueGen gen) {
        return new Column(new SchemaColumn(name, type, nullable, description), gen);
    }

    static String uuid(RowContext c) {
        return new UUID(c.random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                c.random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    private static String pick(RowContext c, String... values) {
        return values[c.random.nextInt(values.length)];
    }

    private static String pick(RowContext c, List<String> values) {
        return values.get(c.random.nextInt(values.size()));
    }

    /** Empty (NULL) about one time in {@code oneIn}. */
    private static String nullable(RowContext c, String value, int oneIn) {
        return c.random.nextInt(oneIn) == 0 ? "" : value;
    }

    /** In tricky mode, now and then replaces the value with a hostile one. */
    private static String text(RowContext c, String value) {
        if (c.tricky && (c.row + c.column) % 4 == 0) {
            return TRICKY[((c.row + c.column) / 4 + c.column) % TRICKY.length];
        }
        return value;
    }

    private static String email(RowContext c) {
        String user = (pick(c, FIRST) + "." + pick(c, LAST)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z.]", "") + c.row;
        return user + "@example.com";
    }

    private static String bool(RowContext c, boolean b) {
        if (c.tricky) {
            return b ? "t" : "f";
        }
        return b ? "true" : "false";
    }

    private static String ts(RowContext c) {
        Instant t = Instant.ofEpochSecond(BASE_EPOCH + (long) (c.random.nextDouble() * SPAN), c.random.nextInt(1000)
                * 1_000_000L);
        String s = SQL_TS.format(t);
        return c.tricky && c.row % 2 == 1 ? s + " UTC" : s;
    }

    private static String decimal(RowContext c, long min, long max) {
        long cents = min * 100 + (long) (c.random.nextDouble() * (max - min) * 100);
        return String.format(Locale.ROOT, "%d.%02d", cents / 100, cents % 100);
    }
}
