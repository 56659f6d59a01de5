package io.dqlite4j.jooq;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockExecuteContext;
import org.jooq.tools.jdbc.MockResult;

/**
 * A recording fake of the dqlite JDBC driver built on jOOQ's {@link MockConnection}: tracks
 * autocommit (initially true, unlike MockConnection), logs transaction calls and the SQL the
 * "server" receives in one ordered list, logs bind/read calls, and injects failures.
 */
final class FakeJdbc implements MockDataProvider, ConnectionProvider {
    /** Ordered log: "setAutoCommit(false)", "commit", "rollback", "sql <text>", "release", ... */
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** Statement and result-set calls: "setObject(1, OffsetDateTime)", "getObject(1, OffsetDateTime)". */
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger acquired = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    volatile boolean autoCommit = true;
    final Deque<SQLException> commitFailures = new ArrayDeque<>();
    final Deque<SQLException> rollbackFailures = new ArrayDeque<>();
    final Deque<SQLException> setAutoCommitFalseFailures = new ArrayDeque<>();
    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<MockExecuteContext, MockResult[]> results = ctx -> new MockResult[] {new MockResult(1)};

    private record Rule(Predicate<String> sql, Deque<SQLException> failures, boolean forever, SQLException always) {
    }

    /** A new proxied connection over a fresh MockConnection sharing this fake's state. */
    Connection connection() {
        return wrap(Connection.class, new MockConnection(this));
    }

    /** Statements whose SQL matches fail once per given exception, in order. */
    FakeJdbc failOnce(Predicate<String> sql, SQLException... failures) {
        Deque<SQLException> q = new ArrayDeque<>(List.of(failures));
        rules.add(new Rule(sql, q, false, null));
        return this;
    }

    /** Statements whose SQL matches always fail. */
    FakeJdbc failAlways(Predicate<String> sql, SQLException failure) {
        rules.add(new Rule(sql, null, true, failure));
        return this;
    }

    FakeJdbc results(Function<MockExecuteContext, MockResult[]> results) {
        this.results = results;
        return this;
    }

    /** The SQL the fake server received, in order. */
    List<String> sql() {
        synchronized (log) {
            return log.stream().filter(s -> s.startsWith("sql ")).map(s -> s.substring(4)).toList();
        }
    }

    List<String> logSnapshot() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    static Predicate<String> startsWith(String prefix) {
        return s -> s.trim().toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT));
    }

    static SQLException sqlState(String state) {
        return new SQLException("injected " + state, state);
    }

    static SQLException sqlState(String state, int vendorCode) {
        return new SQLException("injected " + state, state, vendorCode);
    }

    // ---- MockDataProvider ----

    @Override
    public MockResult[] execute(MockExecuteContext ctx) throws SQLException {
        String[] batch = ctx.batchSQL();
        for (String s : batch) {
            log.add("sql " + s);
            SQLException failure = failureFor(s);
            if (failure != null) {
                throw failure;
            }
        }
        return results.apply(ctx);
    }

    private SQLException failureFor(String sql) {
        synchronized (rules) {
            for (Rule r : rules) {
                if (r.sql.test(sql)) {
                    if (r.forever) {
                        return r.always;
                    }
                    SQLException e = r.failures.poll();
                    if (e != null) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    // ---- ConnectionProvider (a pool-like source: one new connection per acquire) ----

    @Override
    public Connection acquire() throws DataAccessException {
        acquired.incrementAndGet();
        log.add("acquire");
        return connection();
    }

    @Override
    public void release(Connection connection) throws DataAccessException {
        released.incrementAndGet();
        log.add("release");
    }

    // ---- proxies ----

    private <T> T wrap(Class<T> iface, Object target) {
        return iface.cast(Proxy.newProxyInstance(FakeJdbc.class.getClassLoader(), new Class<?>[] {iface},
                (proxy, method, args) -> handle(iface, target, method, args)));
    }

    private Object handle(Class<?> iface, Object target, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (iface == Connection.class) {
            switch (name) {
                case "getAutoCommit":
                    return autoCommit;
                case "setAutoCommit": {
                    boolean value = (Boolean) args[0];
                    log.add("setAutoCommit(" + value + ")");
                    SQLException f = value ? null : setAutoCommitFalseFailures.poll();
                    if (f != null) {
                        throw f;
                    }
                    autoCommit = value;
                    return null;
                }
                case "commit": {
                    log.add("commit");
                    SQLException f = commitFailures.poll();
                    if (f != null) {
                        throw f;
                    }
                    return null;
                }
                case "rollback":
                    if (args == null || args.length == 0) {
                        log.add("rollback");
                        SQLException f = rollbackFailures.poll();
                        if (f != null) {
                            throw f;
                        }
                        return null;
                    }
                    break;
                case "setSavepoint":
                case "releaseSavepoint":
                    log.add(name);
                    break;
                case "close":
                    log.add("close");
                    break;
                default:
                    break;
            }
        } else if ((iface == PreparedStatement.class || iface == Statement.class)
                && name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
            calls.add(name + "(" + args[0] + ", " + describe(args[1]) + ")");
        } else if (iface == ResultSet.class && name.startsWith("get") && args != null && args.length >= 1
                && args[0] instanceof Integer) {
            calls.add(name + "(" + args[0] + (args.length > 1 ? ", " + describe(args[1]) : "") + ")");
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (result instanceof ResultSet rs) {
            return wrap(ResultSet.class, rs);
        }
        if (result instanceof PreparedStatement ps && !(result instanceof java.sql.CallableStatement)) {
            return wrap(PreparedStatement.class, ps);
        }
        if (result instanceof Statement st && method.getReturnType() == Statement.class) {
            return wrap(Statement.class, st);
        }
        return result;
    }

    private static String describe(Object arg) {
        if (arg instanceof Class<?> c) {
            return c.getSimpleName();
        }
        return arg == null ? "null" : arg.getClass().getSimpleName();
    }
}
