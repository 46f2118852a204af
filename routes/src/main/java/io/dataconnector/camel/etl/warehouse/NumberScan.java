package io.dataconnector.camel.etl.warehouse;

/**
 * Measures the {@code number} fields of CSV rows, as {@link DuckDbNumbers} measures staged text columns in SQL: a
 * value, trimmed, is a plain decimal ({@code [+-]digits[.digits]}) or a misfit; blank is NULL and not counted. From the
 * most fraction digits and the most integer digits (leading zeros not counted) seen, {@link #typeOf} gives the exact
 * DuckDB type. One pass in Java over a file costs about what DuckDB's reader needs to tokenize it, without the query
 * planning a measuring statement of many columns costs DuckDB (tens of ms for a small table).
 */
final class NumberScan {

    private final int[] fields;
    private final boolean[] misfit;
    private final int[] scale;
    private final int[] digits;

    /** @param fields the CSV field indexes to measure */
    NumberScan(int[] fields) {
        this.fields = fields;
        this.misfit = new boolean[fields.length];
        this.scale = new int[fields.length];
        this.digits = new int[fields.length];
    }

    /** Measures one row's fields (null = NULL). */
    void accept(String[] row) {
        for (int j = 0; j < fields.length; j++) {
            if (!misfit[j] && fields[j] < row.length && row[fields[j]] != null) {
                measure(j, row[fields[j]].trim());
            }
        }
    }

    private void measure(int j, String v) {
        int n = v.length();
        if (n == 0) {
            return;
        }
        int i = v.charAt(0) == '+' || v.charAt(0) == '-' ? 1 : 0;
        int intStart = i;
        while (i < n && isDigit(v.charAt(i))) {
            i++;
        }
        int intEnd = i;
        int fraction = 0;
        if (i < n && v.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            while (i < n && isDigit(v.charAt(i))) {
                i++;
            }
            fraction = i - fractionStart;
            if (fraction == 0) {
                i = -1; // "1." is not a plain decimal
            }
        }
        if (intEnd == intStart || i != n) {
            misfit[j] = true;
            return;
        }
        int significant = intStart;
        while (significant < intEnd && v.charAt(significant) == '0') {
            significant++;
        }
        scale[j] = Math.max(scale[j], fraction);
        digits[j] = Math.max(digits[j], intEnd - significant);
    }

    private static boolean isDigit(char ch) {
        return ch >= '0' && ch <= '9';
    }

    /**
     * @param j the index into the fields given to the constructor
     * @return {@code BIGINT} or {@code DECIMAL(38, s)} when every value of the field fits one, else null (a misfit, or
     *         more than 38 digits)
     */
    String typeOf(int j) {
        return misfit[j] ? null : DuckDbNumbers.exactType(scale[j], digits[j]);
    }
}
