package io.dataconnector.camel.etl.warehouse;

/**
 * A CSV value that does not fit its column's type. The loader answers it by widening the column to text for that
 * load ({@link MisfitScan}), never by failing the table.
 */
public class MisfitException extends IllegalArgumentException {

    private final String column;
    private final String value;

    /**
     * @param column the column's name
     * @param value  the value as read
     * @param why    what is wrong, e.g. {@code not a number: '10 m2'}
     */
    public MisfitException(String column, String value, String why) {
        super("column " + column + ": " + why);
        this.column = column;
        this.value = value;
    }

    public String column() {
        return column;
    }

    public String value() {
        return value;
    }
}
