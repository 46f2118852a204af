import io.dataconnector.camel.simulator.TableCatalogue;
import io.dataconnector.camel.simulator.TableDefinition;

/**
 * The simulator's full table catalogue (about 300 tables, the real-layout full extract), for the benchmark: one line
 * per table, {@code <name> <columns> <header-only|data>}. Run: {@code java -cp <simulator jar> Catalogue.java}.
 */
public final class Catalogue {

    public static void main(String[] args) {
        for (TableDefinition t : TableCatalogue.full()) {
            System.out.println(t.name() + " " + t.columns().size() + " " + (t.headerOnly() ? "header-only" : "data"));
        }
    }
}
