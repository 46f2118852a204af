package io.dataconnector.camel.simulator;

import java.util.ArrayList;
import java.util.List;

/** A minimal RFC 4180 parser for assertions. */
final class CsvTestParser {

    private CsvTestParser() {
    }

    static List<List<String>> parse(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
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
                any = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
                any = true;
            } else if (c == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                f.append(c);
                any = true;
            }
        }
        if (any) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }
}
