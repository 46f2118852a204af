package io.dataconnector.camel.karafit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One row of {@code bundle:list -t 0 --no-format}: id, state, start level, version, name (tab separated). */
record BundleRow(long id, String state, String name) {

    /** States a started Karaf should not show for any bundle (unresolved, failed, or waiting for a dependency). */
    private static final Set<String> TROUBLE = Set.of("Installed", "Failure", "GracePeriod", "Waiting", "Stopping");

    boolean inTrouble() {
        return TROUBLE.contains(state);
    }

    /** The bundle rows found in shell output; other lines (headers, other commands' output) are skipped. */
    static List<BundleRow> parseAll(String output) {
        List<BundleRow> rows = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String[] columns = line.split("\t");
            if (columns.length >= 5 && columns[0].trim().matches("\\d+")) {
                rows.add(new BundleRow(Long.parseLong(columns[0].trim()), columns[1].trim(),
                        columns[columns.length - 1].trim()));
            }
        }
        return rows;
    }
}
