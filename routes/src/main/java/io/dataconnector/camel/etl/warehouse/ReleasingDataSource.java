package io.dataconnector.camel.etl.warehouse;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool that lets go of its database between uses: once no connection has been borrowed for {@code releaseAfter},
 * the pool's physical connections are closed. For an embedded DuckDB file, which one process locks for as long as it
 * holds a connection, this keeps the file free between loads and polls, so the DuckDB CLI, Python or a BI tool can
 * open it. Borrowing again reopens the file (a few milliseconds).
 * <p>
 * Connections handed out are the pool's, seen through a proxy that counts them back in on {@link Connection#close()};
 * {@link Connection#unwrap(Class)} reaches the driver's connection as before.
 */
public final class ReleasingDataSource implements DataSource, AutoCloseable {

    private final HikariDataSource pool;
    private final long releaseAfterMillis;
    private final ScheduledExecutorService timer;
    private int borrowed;
    private ScheduledFuture<?> pendingRelease;

    /**
     * @param pool         the pool to release (closed by {@link #close()})
     * @param releaseAfter how long the pool may sit unused before its connections are closed (zero: at once)
     */
    public ReleasingDataSource(HikariDataSource pool, Duration releaseAfter) {
        this.pool = pool;
        this.releaseAfterMillis = releaseAfter.toMillis();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "warehouse-release");
            t.setDaemon(true);
            return t;
        });
    }

    /** The pool underneath (for metrics and management). */
    public HikariDataSource pool() {
        return pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(pool.getConnection(username, password));
    }

    /**
     * Keeps the pool's connections (and so the database file) open until the returned handle is closed, without
     * holding a connection: e.g. across the loads of one extract, so the file is not closed (a DuckDB checkpoint) and
     * reopened while the next entry is unpacked. Closing the handle more than once is harmless.
     *
     * @return the handle; closing it starts the release timer when nothing else is borrowed
     */
    public AutoCloseable hold() {
        synchronized (this) {
            borrowed++;
            if (pendingRelease != null) {
                pendingRelease.cancel(false);
                pendingRelease = null;
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                returned();
            }
        };
    }

    private Connection counted(Connection c) {
        synchronized (this) {
            borrowed++;
            if (pendingRelease != null) {
                pendingRelease.cancel(false);
                pendingRelease = null;
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            c.close();
                        } finally {
                            if (closed.compareAndSet(false, true)) {
                                returned();
                            }
                        }
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private synchronized void returned() {
        borrowed--;
        if (borrowed == 0 && !pool.isClosed()) {
            pendingRelease = timer.schedule(this::releaseIfUnused, releaseAfterMillis, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void releaseIfUnused() {
        if (borrowed == 0 && !pool.isClosed()) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Closes the pool (and its connections). */
    @Override
    public void close() {
        timer.shutdownNow();
        pool.close();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(pool) || pool.isWrapperFor(type);
    }
}
