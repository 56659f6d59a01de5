package io.dqlite4j.it.r2dbc;

import io.dqlite4j.testkit.DqliteCluster;
import org.junit.jupiter.api.Timeout;

/** The R2DBC TCK with {@code $1}-style placeholders bound by name ({@code "$1"}), as jOOQ writes them. */
@DqliteCluster(nodes = 1)
@Timeout(120)
class R2dbcTckDollarIT extends R2dbcTck {
    @Override
    public String getPlaceholder(int index) {
        return "$" + (index + 1);
    }

    @Override
    public Object getIdentifier(int index) {
        return "$" + (index + 1);
    }
}
