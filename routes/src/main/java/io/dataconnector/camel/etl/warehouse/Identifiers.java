package io.dataconnector.camel.etl.warehouse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Warehouse identifiers (schemas, tables, columns). Names coming from an extract are lower-cased and must match
 * {@value #PATTERN}; they are then always double-quoted in SQL, so no name from the outside can change a statement.
 */
public final class Identifiers {

    /** Lower-case letter or underscore, then letters, digits, underscores: at most 63 characters (PostgreSQL's limit). */
    public static final String PATTERN = "[a-z_][a-z0-9_]{0,62}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Identifiers() {
    }

    /**
     * @param what   what the name is, for the error message (e.g. "column of admin_users.csv")
     * @param name   a name from the extract or the configuration
     * @return the name lower-cased
     * @throws IllegalArgumentException when the lower-cased name does not match {@link #PATTERN}
     */
    public static String validate(String what, String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!VALID.matcher(n).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " name '" + abbreviate(name) + "': it must match "
                                               + PATTERN + " (after lower-casing)");
        }
        return n;
    }

    /** @return the validated identifier in double quotes */
    public static String quote(String validated) {
        if (!VALID.matcher(validated).matches()) {
            throw new IllegalArgumentException("Refusing to quote an unvalidated identifier '" + abbreviate(validated) + "'");
        }
        return '"' + validated + '"';
    }

    /** @return {@code "schema"."table"} */
    public static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** The table name of an extract CSV: {@code admin_users.csv} becomes {@code admin_users}. */
    public static String tableOf(String csvFileName) {
        String n = csvFileName;
        if (n.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            n = n.substring(0, n.length() - 4);
        }
        return validate("table (from file " + csvFileName + ")", n);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
