package io.dqlite4j.examples.boot;

import io.dqlite4j.spring.boot.DqliteInDoubtDataAccessException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's service: jOOQ and JdbcTemplate in one Spring transaction. (A real project
 * would generate table classes with {@code dqlite-jooq:generate}; plain names keep this short.)
 */
@Service
public class Shop {
    static final Table<?> CUSTOMER = DSL.table("customer");
    static final Table<?> PURCHASE = DSL.table("purchase");
    static final Field<Long> ID = DSL.field("id", Long.class);
    static final Field<String> EMAIL = DSL.field("email", String.class);

    private final DSLContext dsl;
    private final JdbcTemplate jdbc;

    /** Creates the service on Boot's beans. */
    public Shop(DSLContext dsl, JdbcTemplate jdbc) {
        this.dsl = dsl;
        this.jdbc = jdbc;
    }

    /**
     * Registers a customer with a first purchase, atomically. If the commit's outcome is unknown
     * (the leader was lost while it replicated), {@link DqliteInDoubtDataAccessException} says so:
     * look the customer up by e-mail before trying again, never retry blindly.
     */
    @Transactional
    public long register(String email, String firstItem) {
        long id = dsl.insertInto(CUSTOMER).set(EMAIL, email).returning(ID).fetchOne(ID);
        jdbc.update("INSERT INTO purchase (customer_id, item) VALUES (?, ?)", id, firstItem);
        return id;
    }

    /** The number of purchases of a customer, in a read-only transaction. */
    @Transactional(readOnly = true)
    public int purchases(String email) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM purchase p JOIN customer c ON c.id = p.customer_id"
                + " WHERE c.email = ?", Integer.class, email);
        return n == null ? 0 : n;
    }

    /** Whether a registration whose commit was in doubt was in fact applied. */
    @Transactional(readOnly = true)
    public boolean registered(String email) {
        return dsl.fetchExists(CUSTOMER, EMAIL.eq(email));
    }
}
