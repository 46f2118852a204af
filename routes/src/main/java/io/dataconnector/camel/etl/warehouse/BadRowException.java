package io.dataconnector.camel.etl.warehouse;

/** A CSV row that cannot be loaded; the message names the file, the line and (when known) the column. */
public class BadRowException extends RuntimeException {

    private final String file;
    private final long line;

    public BadRowException(String file, long line, String message) {
        super(file + " line " + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String getFile() {
        return file;
    }

    public long getLine() {
        return line;
    }
}
