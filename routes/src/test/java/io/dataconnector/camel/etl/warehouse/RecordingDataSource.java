package io.dataconnector.camel.etl.warehouse;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A test DataSource handing out one physical connection (its {@code close()} is a no-op until {@link #close()}), and
 * recording each call that waits for the database's answer: one entry per statement execution (its SQL; a
 * multi-statement string is one entry: PgJDBC sends it in one round trip) and per {@code commit()}/{@code rollback()}
 * ({@code COMMIT}/{@code ROLLBACK}). COPY through the driver's own API ({@code unwrap}) is not seen.
 */
final class RecordingDataSource implements DataSource, AutoCloseable {

    private final Connection physical;
    private final List<String> calls = new ArrayList<>();

    RecordingDataSource(DataSource target) throws SQLException {
        this.physical = target.getConnection();
    }

    /** @return the recorded calls so far, in order */
    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized void clear() {
        calls.clear();
    }

    private synchronized void record(String sql) {
        calls.add(sql);
    }

    @Override
    public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "close" -> null;
                    case "isClosed" -> false;
                    case "commit", "rollback" -> {
                        if (args == null) {
                            record(m.getName().toUpperCase(java.util.Locale.ROOT));
                        }
                        yield invoke(m, physical, args);
                    }
                    case "createStatement" -> statement(Statement.class, (Statement) invoke(m, physical, args), null);
                    case "prepareStatement" -> statement(PreparedStatement.class,
                            (PreparedStatement) invoke(m, physical, args), (String) args[0]);
                    default -> invoke(m, physical, args);
                });
    }

    private <T extends Statement> T statement(Class<T> type, T target, String prepared) {
        InvocationHandler h = (proxy, m, args) -> {
            if (m.getName().startsWith("execute")) {
                record(args != null && args.length > 0 && args[0] instanceof String sql ? sql : prepared);
            }
            return invoke(m, target, args);
        };
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public void close() throws SQLException {
        physical.close();
    }

    @Override
    public Connection getConnection(String username, String password) {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
