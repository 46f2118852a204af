package io.dataconnector.camel.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * The cell values of generated tables, shaped like real extracts' (see the project's notes on real extracts):
 * Autodesk user ids ({@code GG4BKFLSS4CT}, {@code 200902260532621}, {@code System}), version-1 and version-4 UUIDs,
 * timestamps with 0, 3 or 6 fraction digits and a {@code UTC} suffix or PostgreSQL-style {@code +00}, booleans
 * {@code t}/{@code f} and {@code 0}/{@code 1}, integers and 4-digit decimals under {@code number}, JSON and HTML
 * cells, names under {@code *_display_name} whatever the documented type, and empty cells written both as
 * {@code ""} and as nothing. In tricky mode text cells now and then hold quotes, commas, LF, CRLF, trailing
 * spaces and non-ASCII. Plain mode (tricky off) gives one timestamp form, {@code true}/{@code false} and no hostile
 * text. One generator per column, chosen once from the column's name and documented type.
 */
final class ValueShapes {

    /** A cell written as {@code ""} (quoted empty) rather than as nothing. */
    static final String QUOTED_EMPTY = "\u0000";

    /** Produces one cell value of a row; "" is an unquoted empty cell. */
    @FunctionalInterface
    interface Gen {
        String next(Row r);
    }

    /** The row being generated: reused for every cell of a table (not thread-safe). */
    static final class Row {
        final Random random;
        final boolean tricky;
        final ExtractWorld world;
        long index;
        int column;

        Row(Random random, boolean tricky, ExtractWorld world) {
            this.random = random;
            this.tricky = tricky;
            this.world = world;
        }
    }

    private static final String[] FIRST = {"Anna", "Luca", "Mei", "Noah", "Sofia", "Jonas", "Aiko", "Omar", "Lena",
        "Mateo", "Chloé", "Björn", "Priya", "Kenji", "Zoë", "Ivan"};
    private static final String[] LAST = {"Müller", "Rossi", "Tanaka", "Smith", "García", "Nowak", "Dubois", "Khan",
        "Schmidt", "Silva", "Johansson", "O'Brien", "Nguyen", "Kowalski"};
    private static final String[] EMAIL_NAMES = emailNames();
    private static final String[] CITIES = {"Zürich", "東京", "New York", "São Paulo", "München", "London", "Montréal",
        "Kraków", "Oslo", "Sydney"};
    private static final String[] COUNTRIES = {"Switzerland", "Japan", "United States", "Brazil", "Germany",
        "United Kingdom", "Canada", "Poland", "Norway", "Australia"};
    private static final String[] THINGS = {"Level 2 slab", "Curtain wall anchor", "Fire stopping", "Door hardware",
        "Roof drain", "Cable tray", "Handrail", "Elevator pit", "Rebar spacing", "Window supplier", "Harbor Tower",
        "Campus Library", "North Station", "Budget 01-100", "Concrete works", "HVAC ductwork"};
    private static final String[] WORDS = {"open", "closed", "draft", "pending", "in_review", "approved", "void",
        "active", "inactive"};
    private static final String[] VERBS = {"issue.created", "issue.updated", "user.added", "project.updated",
        "budget.updated", "contract.created", "document.published", "rfi.answered", "comment.added"};
    private static final String[] TRICKY = {"He said \"stop\" twice", "Smith, John", "first line\nsecond line",
        "Zürich Baustelle", "東京 オフィス", "trailing space ", "semi;colon, and \"both\"\r\nCRLF", "<p>China</p>"};
    private static final Set<String> USER_REFS = Set.of("assignee_id", "owner_id", "creator_id", "manager",
        "reviewer", "assigned_to", "user_id", "oxygen_id", "on_behalf", "manager_id", "contact_id", "subcontractor",
        "response_by", "required_by", "object_assigned_to", "current_assigned_users", "reviewed_users",
        "object_recipient");
    private static final Set<String> JSON_CELLS = Set.of("custom_properties", "compounded", "custom_attributes",
        "code_segment_values", "locations", "object_access_change_list", "object_services_list", "answers",
        "answers_v2", "object_budgets", "phone", "gps_coordinates");
    private static final Set<String> HTML_CELLS = Set.of("description", "question", "body", "comment_body", "content",
        "official_response", "response", "scope_of_work", "note", "instructions", "data", "suggested_answer",
        "object_answer", "response_comment");
    private static final Set<String> INTEGER_WORDS = Set.of("id", "count", "size", "version", "index", "order",
        "number", "position", "revision", "identifier", "code", "length", "type", "progress", "time", "change");
    /** Columns never empty in real extracts. */
    private static final Set<String> ALWAYS_SET = Set.of("id", "display_id", "activity_id", "created_at");
    private static final long THREE_YEARS = 3L * 365 * 24 * 3600;
    /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
    private static final long UUID_EPOCH_OFFSET = 0x01b21dd213814000L;

    private ValueShapes() {
    }

    /** first.last in ASCII lower case, for fake e-mail addresses. */
    private static String[] emailNames() {
        String[] out = new String[FIRST.length * LAST.length];
        int k = 0;
        for (String f : FIRST) {
            for (String l : LAST) {
                String n = java.text.Normalizer.normalize(f + "." + l, java.text.Normalizer.Form.NFD)
                        .toLowerCase(Locale.ROOT);
                out[k++] = n.replaceAll("[^a-z.]", "");
            }
        }
        return out;
    }

    /** The generator of one column of a table ({@code ordinal} from 0). */
    static Gen of(TableDefinition t, SchemaColumn c, int ordinal) {
        Gen base = base(t, c, ordinal);
        if (!c.nullable() || isScope(c.name()) || ALWAYS_SET.contains(c.name()) || isWindowed(t, c.name())
                && !c.name().equals("deleted_at") || t.name().equals("admin_users") && c.name().equals("id")) {
            return base;
        }
        int oneIn = c.name().equals("deleted_at") || c.name().endsWith("_by") && c.name().startsWith("deleted")
                || c.name().startsWith("closed") ? 2 : 7;
        return r -> r.random.nextInt(oneIn) == 0 ? empty(r) : base.next(r);
    }

    private static boolean isScope(String n) {
        return n.equals("bim360_account_id") || n.equals("account_id") || n.equals("bim360_project_id")
                || n.equals("project_id");
    }

    private static Gen base(TableDefinition t, SchemaColumn c, int ordinal) {
        String n = c.name();
        String type = c.type();
        String table = t.name();
        if (n.equals("adsk_row_id")) {
            return r -> Long.toHexString(r.random.nextLong() | Long.MIN_VALUE) + Long.toHexString(
                    r.random.nextLong() | Long.MIN_VALUE);
        }
        if (n.equals("bim360_account_id") || n.equals("account_id")) {
            return r -> r.world.accountId;
        }
        if (n.equals("bim360_project_id") || n.equals("project_id")) {
            return r -> pick(r, r.world.projectIds);
        }
        if (n.equals("id") && table.equals("admin_users")) {
            return r -> r.index < r.world.userIds.size() ? r.world.userIds.get((int) r.index) : uuid4(r.random);
        }
        if (n.equals("autodesk_id") && table.equals("admin_users")) {
            return r -> r.index < r.world.autodeskIds.size() ? r.world.autodeskIds.get((int) r.index)
                    : autodeskId(r.random, (int) r.index);
        }
        if (n.equals("id") && table.equals("admin_projects")) {
            return r -> r.index < r.world.projectIds.size() ? r.world.projectIds.get((int) r.index)
                    : uuid4(r.random);
        }
        if (n.equals("id") && table.equals("admin_companies")) {
            return r -> r.index < r.world.companyIds.size() ? r.world.companyIds.get((int) r.index)
                    : uuid4(r.random);
        }
        if (n.endsWith("display_name")) {
            return r -> text(r, pick(r, THINGS));
        }
        if (n.equals("activity_id") || n.equals("id") && type.equals("string: UUID") && (t.dateRange()
                || t.serviceGroup().equals("issues") || t.serviceGroup().equals("rfis"))) {
            return r -> uuid1(r);
        }
        switch (type) {
            case "boolean":
                return booleans(ordinal % 2 == 0 ? "t" : "1", ordinal % 2 == 0 ? "f" : "0");
            case "timestamp: SQL":
                return timestamp(t, n);
            case "date: string":
                return r -> LocalDateTime.ofEpochSecond(pastSecond(r), 0, ZoneOffset.UTC).toLocalDate().toString();
            case "number":
                return c.nullable() ? number(n) : r -> Long.toString(37_000 + r.index);
            case "enum: string":
                return enumeration(c);
            case "string: UUID":
                if (n.equals("user_id")) {
                    return r -> pick(r, r.world.userIds);
                }
                if (n.endsWith("company_id")) {
                    return r -> pick(r, r.world.companyIds);
                }
                return r -> uuid4(r.random);
            default:
                return string(c);
        }
    }

    private static Gen string(SchemaColumn c) {
        String n = c.name();
        if (USER_REFS.contains(n) || n.endsWith("_by")) {
            return r -> r.random.nextInt(10) == 0 ? "System" : pick(r, r.world.autodeskIds);
        }
        if (n.equals("email")) {
            return r -> EMAIL_NAMES[r.random.nextInt(EMAIL_NAMES.length)] + r.index + "@example.com";
        }
        if (JSON_CELLS.contains(n) || n.endsWith("_list")) {
            return r -> json(r, n);
        }
        if (HTML_CELLS.contains(n)) {
            return r -> r.tricky && r.index % 3 == 0 ? "<p>" + pick(r, THINGS) + " &amp; " + pick(r, CITIES) + "</p>"
                    : text(r, pick(r, THINGS) + ", see sheet A-" + (100 + r.random.nextInt(400)));
        }
        if (n.equals("first_name")) {
            return r -> text(r, pick(r, FIRST));
        }
        if (n.equals("last_name")) {
            return r -> text(r, pick(r, LAST));
        }
        if (n.equals("city")) {
            return r -> text(r, pick(r, CITIES));
        }
        if (n.equals("country")) {
            return r -> pick(r, COUNTRIES);
        }
        if (n.endsWith("urn")) {
            return r -> "urn:adsk.wipprod:dm.lineage:" + Long.toString(r.random.nextLong() & Long.MAX_VALUE, 36);
        }
        if (n.equals("activity_verb")) {
            return r -> pick(r, VERBS);
        }
        if (n.equals("number") || n.equals("code") || n.endsWith("_code") || n.endsWith("identifier")) {
            return r -> pad(new StringBuilder(8), r.random.nextInt(40), 2).append('-')
                    .append(pad(new StringBuilder(3), (int) (r.index % 1000), 3)).toString();
        }
        if (!c.constraints().startsWith("Possible Values:") && (n.equals("status") || n.endsWith("_status")
                || n.equals("state"))) {
            return r -> pick(r, WORDS);
        }
        if (c.constraints().startsWith("Possible Values:")) {
            return enumeration(c);
        }
        if (n.contains("name") || n.equals("title") || n.endsWith("_title")) {
            return r -> text(r, n.contains("name") && r.random.nextBoolean() ? pick(r, FIRST) + " " + pick(r, LAST)
                    : pick(r, THINGS));
        }
        return r -> text(r, pick(r, THINGS));
    }

    private static Gen enumeration(SchemaColumn c) {
        String cons = c.constraints();
        String[] values = cons.startsWith("Possible Values:") ? cons.substring("Possible Values:".length()).strip()
                .split("\\s+") : WORDS;
        return r -> values[r.random.nextInt(values.length)];
    }

    private static Gen number(String n) {
        if (n.equals("latitude") || n.equals("longitude")) {
            return r -> String.format(Locale.ROOT, "%.6f", r.random.nextDouble() * 140 - 70);
        }
        if (n.equals("display_id")) {
            return r -> Long.toString(r.index + 1);
        }
        String last = n.substring(n.lastIndexOf('_') + 1);
        if (INTEGER_WORDS.contains(last) || n.startsWith("is_")) {
            return r -> Integer.toString(r.random.nextInt(r.random.nextBoolean() ? 100 : 100_000));
        }
        return r -> {
            long cents = (long) (r.random.nextDouble() * 5_000_000_00L);
            return r.index % 4 == 0 ? (cents / 100_000) * 1000 + ".0000"
                    : pad(new StringBuilder(20).append(cents / 100).append('.'), (int) (cents % 100), 2).append("00")
                    .toString();
        };
    }

    /** Timestamps of a date-range table's window columns lie in the job's window; others in the 3 years before. */
    private static Gen timestamp(TableDefinition t, String n) {
        if (isWindowed(t, n)) {
            return r -> formatTimestamp(r, r.world.window.start().getEpochSecond()
                    + (long) (r.random.nextDouble() * r.world.window.seconds()), r.random.nextInt(1_000_000));
        }
        return r -> formatTimestamp(r, pastSecond(r), r.random.nextInt(1_000_000));
    }

    /** The columns that place a date-range table's rows in the job's window. */
    private static boolean isWindowed(TableDefinition t, String n) {
        return t.dateRange() && (n.equals("created_at") || t.serviceGroup().startsWith("cdc")
                && (n.equals("updated_at") || n.equals("deleted_at")));
    }

    private static long pastSecond(Row r) {
        return r.world.createdAt.getEpochSecond() - 1 - (long) (r.random.nextDouble() * THREE_YEARS);
    }

    /** One of the real forms, by row and column; plain mode always {@code yyyy-MM-dd HH:mm:ss.SSS UTC}. */
    static String formatTimestamp(Row r, long epochSecond, int micros) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(32);
        sb.append(t.toLocalDate()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int form = r.tricky ? (int) ((r.index + r.column) % 5) : 1;
        switch (form) {
            case 0:
                return sb.append(" UTC").toString();
            case 2:
                return pad(sb.append('.'), micros, 6).append(" UTC").toString();
            case 3:
                if (micros == 0) {
                    return sb.append("+00").toString();
                }
                pad(sb.append('.'), micros, 6);
                while (sb.charAt(sb.length() - 1) == '0') {
                    sb.setLength(sb.length() - 1);
                }
                return sb.append("+00").toString();
            default:
                return pad(sb.append('.'), micros / 1000, 3).append(" UTC").toString();
        }
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return pad(sb, v, 2);
    }

    /** Appends a non-negative {@code v} zero-padded to {@code digits}. */
    private static StringBuilder pad(StringBuilder sb, int v, int digits) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private static String json(Row r, String n) {
        if (n.equals("phone")) {
            return "{\"number\":\"+41 44 " + (100 + r.random.nextInt(900)) + " " + (10 + r.random.nextInt(90))
                    + " " + (10 + r.random.nextInt(90)) + "\",\"phoneType\":\"" + (r.random.nextBoolean() ? "mobile"
                    : "office") + "\"}";
        }
        if (n.endsWith("_list") || n.equals("locations") || n.equals("object_budgets")) {
            return "[\"" + pick(r, VERBS) + "\",\"" + pick(r, WORDS) + "\"]";
        }
        return "{\"" + pick(r, WORDS) + "\":" + r.random.nextInt(1000) + ",\"label\":\"" + pick(r, CITIES) + "\"}";
    }

    /** {@code t}/{@code f} or {@code 0}/{@code 1} (the column's style) in tricky mode, else true/false. */
    private static Gen booleans(String yes, String no) {
        return r -> {
            boolean b = r.random.nextBoolean();
            if (!r.tricky) {
                return b ? "true" : "false";
            }
            return b ? yes : no;
        };
    }

    private static String empty(Row r) {
        return r.tricky && r.index % 2 == 0 ? QUOTED_EMPTY : "";
    }

    /** In tricky mode, now and then a hostile value instead. */
    private static String text(Row r, String value) {
        if (r.tricky && (r.index + r.column) % 5 == 0) {
            return TRICKY[(int) ((r.index / 5 + r.column) % TRICKY.length)];
        }
        return value;
    }

    private static String pick(Row r, String[] values) {
        return values[r.random.nextInt(values.length)];
    }

    private static String pick(Row r, java.util.List<String> values) {
        return values.get(r.random.nextInt(values.size()));
    }

    static String uuid4(Random random) {
        return new UUID(random.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString();
    }

    /** A time-based (version 1) UUID of a time in the 3 years before the extract. */
    static String uuid1(Row r) {
        long ticks = (pastSecond(r) * 10_000_000L) + UUID_EPOCH_OFFSET + r.random.nextInt(10_000_000);
        long msb = (ticks & 0xffffffffL) << 32 | ((ticks >>> 32) & 0xffffL) << 16 | 0x1000L | ((ticks >>> 48)
                & 0x0fffL);
        long lsb = r.random.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    /** An Autodesk user id: 12 upper-case letters and digits, or 15 digits (every third one). */
    static String autodeskId(Random random, int i) {
        if (i % 3 == 1) {
            return String.format(Locale.ROOT, "2%014d", random.nextLong() & 0x0fffffffffffL);
        }
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder sb = new StringBuilder(12);
        for (int k = 0; k < 12; k++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
