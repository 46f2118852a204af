package io.dataconnector.camel.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The tables a full extract adds to the representative catalogue, to about 300: the table names of Autodesk's
 * public schema pages (and a few real-looking ones for groups whose pages are not public), with columns that are
 * generated, not documented. A {@code cdc<group>} table whose snapshot table is in the catalogue gets the snapshot's
 * columns plus {@code deleted_at} and {@code adsk_row_id}. Widths are mixed: most tables have 6 to 20 columns,
 * a few 40 to 190. Deterministic.
 */
final class FullCatalogue {

    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        String admin = "account_services accounts business_units companies project_companies project_products "
                + "project_roles project_services project_user_companies project_user_products project_user_roles "
                + "project_user_services project_users projects roles users";
        String issues = "attachments comments custom_attribute_list_values custom_attributes "
                + "custom_attributes_mappings issue_subtypes issue_types issues placements root_cause_categories "
                + "root_causes viewables";
        String rfis = "acc_attachments attachments category comments discipline project_custom_attributes "
                + "project_custom_attributes_enums rfi_assignees rfi_co_reviewers rfi_custom_attributes "
                + "rfi_distribution_list rfi_location rfi_responses rfi_reviewers rfi_transitions rfi_types rfis";
        String cost = "approval_workflows budget_code_segment_codes budget_code_segments budget_payment_items "
                + "budget_payment_properties budget_payments budget_properties budget_transfers budgets "
                + "change_order_cost_items change_order_properties change_orders contract_properties contracts "
                + "cost_item_properties cost_items cost_payment_items cost_payment_properties cost_payments "
                + "distribution_item_curves distribution_items expense_items expense_properties expenses "
                + "main_contract_items main_contract_properties main_contracts payment_references permissions "
                + "schedule_of_values_properties sub_distribution_items transferences";
        String checklists = "checklist_assignees checklist_attachments checklist_item_doc_attachments "
                + "checklist_items checklist_items_answers checklist_section_assignees checklist_sections "
                + "checklist_sections_signatures checklist_signatures checklists template_item_instructions "
                + "template_items template_items_all template_items_answers template_sections "
                + "template_sections_all template_signatures template_signatures_all templates templates_versions";
        String submittals = "attachments comments item_cc_users item_co_reviewers_users item_distribution_list_users "
                + "itemrevisions items packages specs";
        String meetings = "assignees attachments items meetings non_member_participants participants";
        String forms = "form_attachments form_files form_sections form_templates forms layout_section_items";
        String takeoff = "carbon_definitions classification_systems classifications content_lineages packages";
        NAMES.put("admin", admin);
        NAMES.put("cdcadmin", admin);
        NAMES.put("issues", issues);
        NAMES.put("cdcissues", issues);
        NAMES.put("rfis", rfis);
        NAMES.put("cdcrfis", rfis);
        NAMES.put("cost", cost);
        NAMES.put("cdccost", cost);
        NAMES.put("checklists", checklists);
        NAMES.put("cdcchecklists", checklists);
        NAMES.put("locations", "nodes trees");
        NAMES.put("cdclocations", "nodes trees");
        NAMES.put("submittals", submittals);
        NAMES.put("cdcsubmittals", submittals);
        NAMES.put("activities", "admin_activities assets_activities bridge_activities cost_activities cost_changes "
                + "docs_activities docs_custom_attribute_constraints docs_custom_attributes docs_naming_standards "
                + "docs_permissions docs_standard_attributes issues_activities issues_changes rfis_activities "
                + "rfis_changes sheets_activities submittals_activities submittals_object_ball_in_court_companies "
                + "submittals_object_ball_in_court_roles submittals_object_ball_in_court_users "
                + "submittals_target_ball_in_court_companies submittals_target_ball_in_court_roles "
                + "submittals_target_ball_in_court_users submittals_target_steps submittals_target_tasks "
                + "submittals_target_transition_attachments submittals_target_watchers");
        NAMES.put("meetingminutes", meetings);
        NAMES.put("cdcmeetingminutes", meetings);
        NAMES.put("clashes", "assigned_clash_group clash_group_to_clash_id clash_test closed_clash_group");
        NAMES.put("forms", forms);
        NAMES.put("cdcforms", forms);
        NAMES.put("takeoff", takeoff);
        NAMES.put("cdctakeoff", takeoff);
        NAMES.put("iq", "company_daily_quality_risk_changes company_daily_safety_risk_changes cost_impact_issues");
        NAMES.put("cdcrelationships", "entity_relationship");
        NAMES.put("dailylogs", "daily_logs deliveries equipment inspections labor notes safety_events visitors "
                + "weather weather_hourly");
        NAMES.put("schedule", "activities calendars links schedules wbs");
    }

    /** Wide tables and their widths (the real widest are about this wide). */
    private static final Map<String, Integer> WIDE = Map.of("activities_assets_activities", 110,
            "activities_submittals_activities", 187, "activities_docs_activities", 70,
            "activities_rfis_activities", 45, "activities_sheets_activities", 40, "forms_forms", 64,
            "cost_cost_items", 58, "cost_main_contracts", 52);

    private static final String[] NOUNS = {"asset", "category", "location", "status", "attachment", "comment",
        "review", "step", "task", "package", "spec", "company", "role", "template", "workflow", "document", "sheet",
        "folder", "version", "markup", "reference", "link", "form", "section", "item", "response", "reviewer",
        "manager", "watcher", "transition"};
    private static final String[][] ATTRS = {{"id", "string: UUID"}, {"display_name", "string"}, {"type", "string"},
        {"is_active", "boolean"}, {"created_at", "timestamp: SQL"}, {"updated_by", "string"}, {"path", "string"},
        {"version", "number"}, {"color", "string"}};
    private static final String[][] POOL = {{"name", "string"}, {"title", "string"}, {"description", "string"},
        {"status", "enum: string"}, {"type", "string"}, {"created_by", "string"}, {"updated_by", "string"},
        {"is_active", "boolean"}, {"is_deleted", "boolean"}, {"position", "number"}, {"value", "string"},
        {"key", "string"}, {"data", "string"}, {"number", "string"}, {"index", "number"}, {"quantity", "number"},
        {"amount", "number"}, {"unit", "string"}, {"due_date", "date: string"}, {"start_date", "timestamp: SQL"},
        {"end_date", "timestamp: SQL"}, {"location_id", "string: UUID"}, {"company_id", "string: UUID"},
        {"user_id", "string"}, {"parent_id", "string: UUID"}, {"urn", "string"}, {"version", "number"},
        {"external_id", "string"}, {"notes", "string"}, {"custom_attributes", "string"}, {"color", "string"},
        {"code", "string"}, {"display_name", "string"}, {"order", "number"}};

    private FullCatalogue() {
    }

    /** The representative tables plus the generated ones (never two with the same name). */
    static List<TableDefinition> withExtras(List<TableDefinition> representative) {
        Map<String, TableDefinition> byName = new LinkedHashMap<>();
        representative.forEach(t -> byName.put(t.name(), t));
        Map<String, TableDefinition> snapshots = new HashMap<>(byName);
        for (Map.Entry<String, String> e : NAMES.entrySet()) {
            String group = e.getKey();
            for (String table : e.getValue().split(" ")) {
                String name = group + "_" + table;
                if (!byName.containsKey(name)) {
                    byName.put(name, extra(group, table, snapshots));
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    private static TableDefinition extra(String group, String table, Map<String, TableDefinition> snapshots) {
        boolean cdc = group.startsWith("cdc");
        String snapshotGroup = cdc ? group.substring(3) : group;
        TableDefinition snapshot = snapshots.get(snapshotGroup + "_" + table);
        List<SchemaColumn> cols = new ArrayList<>();
        if (cdc && snapshot != null) {
            cols.addAll(snapshot.columns());
        } else if (group.equals("activities")) {
            activityColumns(group + "_" + table, cols);
        } else {
            genericColumns(group + "_" + table, table, cols);
        }
        String what = humanize(table);
        String description = snapshot != null ? snapshot.description() : what.substring(0, 1).toUpperCase(Locale.ROOT)
                + what.substring(1) + " of the " + snapshotGroup + " service.";
        if (cdc) {
            if (cols.stream().noneMatch(c -> c.name().equals("deleted_at"))) {
                cols.add(new SchemaColumn("deleted_at", "timestamp: SQL", true, "Timestamp when the row was deleted "
                        + "Column used for filtering Date Range Extraction requests"));
            }
            cols.add(new SchemaColumn("adsk_row_id", "string", false,
                    "Unique row identifier to be used in CDC operations"));
            description += " - This is the Change Data Capture (CDC) enabled version of the " + snapshotGroup + "."
                    + table + " table.  Date Range Extractions Supported";
        }
        return new TableDefinition(group, table, description, cols, false);
    }

    private static void activityColumns(String name, List<SchemaColumn> cols) {
        cols.add(col("activity_id", "string", "Activity ID for this event"));
        cols.add(col("bim360_account_id", "string: UUID", "BIM 360 HQ Account ID."));
        cols.add(col("bim360_project_id", "string: UUID", "BIM 360 HQ Project ID."));
        cols.add(col("activity_verb", "string", "Activity performed by the user"));
        cols.add(col("created_by", "string", "Autodesk ID of the user performing the activity action"));
        cols.add(col("created_at", "timestamp: SQL", "The timestamp when the activity created Column used for "
                + "filtering Date Range Extraction requests"));
        Random r = new Random(name.hashCode());
        int width = WIDE.getOrDefault(name, 8 + r.nextInt(8));
        addCombinations(cols, "object_", width, r);
    }

    private static void genericColumns(String name, String table, List<SchemaColumn> cols) {
        Random r = new Random(name.hashCode());
        cols.add(col("id", "string: UUID", "ID of the " + humanize(singular(table))));
        cols.add(col("bim360_account_id", "string: UUID", "BIM 360 HQ Account ID."));
        cols.add(col("bim360_project_id", "string: UUID", "BIM 360 HQ Project ID."));
        int width = WIDE.getOrDefault(name, 6 + r.nextInt(15));
        Set<Integer> used = new LinkedHashSet<>();
        while (cols.size() < Math.min(width, POOL.length) - 2 && used.size() < POOL.length) {
            int i = r.nextInt(POOL.length);
            if (used.add(i)) {
                cols.add(col(POOL[i][0], POOL[i][1], humanize(POOL[i][0])));
            }
        }
        addCombinations(cols, "", width - 2, r);
        cols.add(col("created_at", "timestamp: SQL", "Date and time the resource was created."));
        cols.add(col("updated_at", "timestamp: SQL", "Date and time the resource was last updated."));
    }

    /** Adds {@code <prefix><noun>_<attr>} columns until there are {@code width}. */
    private static void addCombinations(List<SchemaColumn> cols, String prefix, int width, Random r) {
        int start = r.nextInt(NOUNS.length);
        for (int k = 0; cols.size() < width && k < NOUNS.length * ATTRS.length; k++) {
            String noun = NOUNS[(start + k / ATTRS.length) % NOUNS.length];
            String[] attr = ATTRS[k % ATTRS.length];
            String n = prefix + noun + "_" + attr[0];
            cols.add(col(n, attr[1], humanize(n)));
        }
    }

    private static SchemaColumn col(String name, String type, String notes) {
        return new SchemaColumn(name, type, true, notes);
    }

    private static String humanize(String name) {
        return name.replace('_', ' ');
    }

    private static String singular(String table) {
        return table.endsWith("s") ? table.substring(0, table.length() - 1) : table;
    }
}
