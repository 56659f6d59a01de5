package io.dqlite4j.spring.boot;

import org.springframework.data.r2dbc.dialect.R2dbcDialect;
import org.springframework.data.relational.core.dialect.AbstractDialect;
import org.springframework.data.relational.core.dialect.LimitClause;
import org.springframework.data.relational.core.dialect.LockClause;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.LockOptions;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;

/**
 * Spring Data R2DBC's dialect for dqlite, i.e. SQLite's SQL: {@code LIMIT n OFFSET m}, no row
 * locks ({@code SELECT … FOR UPDATE} does not exist: a dqlite write transaction holds the
 * database's single write lock), identifiers quoted with {@code "} and kept as written, and
 * bind markers {@code $1, $2, …}, which the dqlite R2DBC driver binds by index.
 */
public class DqliteR2dbcDialect extends AbstractDialect implements R2dbcDialect {
    /** The shared instance. */
    public static final DqliteR2dbcDialect INSTANCE = new DqliteR2dbcDialect();

    private static final BindMarkersFactory BIND_MARKERS = BindMarkersFactory.indexed("$", 1);

    private static final LimitClause LIMIT = new LimitClause() {
        @Override
        public String getLimit(long limit) {
            return "LIMIT " + limit;
        }

        @Override
        public String getOffset(long offset) {
            // SQLite has no OFFSET without LIMIT; -1 is its "no limit".
            return "LIMIT -1 OFFSET " + offset;
        }

        @Override
        public String getLimitOffset(long limit, long offset) {
            return "LIMIT " + limit + " OFFSET " + offset;
        }

        @Override
        public Position getClausePosition() {
            return Position.AFTER_ORDER_BY;
        }
    };

    private static final LockClause NO_LOCK = new LockClause() {
        @Override
        public String getLock(LockOptions lockOptions) {
            return "";
        }

        @Override
        public Position getClausePosition() {
            return Position.AFTER_ORDER_BY;
        }
    };

    /** Creates a dialect; {@link #INSTANCE} is enough. */
    protected DqliteR2dbcDialect() {
    }

    @Override
    public BindMarkersFactory getBindMarkersFactory() {
        return BIND_MARKERS;
    }

    /** The bind markers, also for {@link DqliteBindMarkersFactoryProvider}. */
    static BindMarkersFactory bindMarkers() {
        return BIND_MARKERS;
    }

    @Override
    public LimitClause limit() {
        return LIMIT;
    }

    @Override
    public LockClause lock() {
        return NO_LOCK;
    }

    @Override
    public IdentifierProcessing getIdentifierProcessing() {
        return IdentifierProcessing.create(IdentifierProcessing.Quoting.ANSI, IdentifierProcessing.LetterCasing.AS_IS);
    }
}
