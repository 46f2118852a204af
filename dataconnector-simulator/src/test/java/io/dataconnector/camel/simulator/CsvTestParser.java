package io.dataconnector.camel.simulator;

import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 parser for assertions. */
final class CsvTestParser {

    private CsvTestParser() {
    }

    /** Marks a quoted empty field ({@code ""}) in {@link #parseMarkingQuotedEmpty}. */
    static final String QUOTED_EMPTY = "<quoted-empty>";

    static List<List<String>> parse(String s) {
        return parse(s, false);
    }

    /** As {@link #parse(String)}, but a field written {@code ""} comes back as {@link #QUOTED_EMPTY}. */
    static List<List<String>> parseMarkingQuotedEmpty(String s) {
        return parse(s, true);
    }

    private static List<List<String>> parse(String s, boolean markQuotedEmpty) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
                any = true;
            } else if (c == ',') {
                row.add(field(f, wasQuoted, markQuotedEmpty));
                wasQuoted = false;
                any = true;
            } else if (c == '\n') {
                row.add(field(f, wasQuoted, markQuotedEmpty));
                wasQuoted = false;
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (any) {
            row.add(field(f, wasQuoted, markQuotedEmpty));
            rows.add(row);
        }
        return rows;
    }

    private static String field(StringBuilder f, boolean wasQuoted, boolean markQuotedEmpty) {
        String v = f.length() == 0 && wasQuoted && markQuotedEmpty ? QUOTED_EMPTY : f.toString();
        f.setLength(0);
        return v;
    }
}
