package io.dataconnector.camel.etl.warehouse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers column types from sample rows when no schema document covers a table. Conservative: a column is typed only
 * when every non-empty sampled value fits, and is text when it has no value at all. {@code 0}/{@code 1} columns are
 * numbers, not booleans (only {@code t}/{@code f}/{@code true}/{@code false} make a boolean). A later value that does
 * not fit widens the column for that load, like a wrong documented type.
 */
public final class TypeInference {

    private TypeInference() {
    }

    /**
     * @param header the CSV header (lower-cased, validated names)
     * @param sample the first rows (fields in header order; null = NULL)
     * @return column name → inferred type, in header order
     */
    public static Map<String, ColumnType> infer(List<String> header, List<String[]> sample) {
        Map<String, ColumnType> out = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            out.put(header.get(i), inferColumn(sample, i));
        }
        return out;
    }

    private static ColumnType inferColumn(List<String[]> sample, int field) {
        boolean uuid = true;
        boolean timestamp = true;
        boolean bool = true;
        boolean number = true;
        int values = 0;
        for (String[] row : sample) {
            String v = field < row.length ? row[field] : null;
            if (v == null || v.isEmpty()) {
                continue;
            }
            values++;
            uuid = uuid && TextValues.isCanonicalUuid(v);
            timestamp = timestamp && looksLikeTimestamp(v);
            bool = bool && isBooleanWord(v);
            number = number && TextValues.isPlainDecimal(v) && !hasLeadingZero(v);
            if (!uuid && !timestamp && !bool && !number) {
                return ColumnType.TEXT;
            }
        }
        if (values == 0) {
            return ColumnType.TEXT;
        }
        return uuid ? ColumnType.UUID : timestamp ? ColumnType.TIMESTAMP : bool ? ColumnType.BOOLEAN
                : number ? ColumnType.NUMBER : ColumnType.TEXT;
    }

    private static boolean looksLikeTimestamp(String v) {
        if (v.length() < 19 || v.charAt(4) != '-' || v.charAt(10) != ' ' && v.charAt(10) != 'T') {
            return false;
        }
        try {
            Values.timestamp(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBooleanWord(String v) {
        return v.equals("t") || v.equals("f") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
    }

    /** {@code 007} is a code, not a number: keep its zeros as text. */
    private static boolean hasLeadingZero(String v) {
        int i = v.startsWith("-") ? 1 : 0;
        return v.length() > i + 1 && v.charAt(i) == '0' && v.charAt(i + 1) != '.';
    }
}
