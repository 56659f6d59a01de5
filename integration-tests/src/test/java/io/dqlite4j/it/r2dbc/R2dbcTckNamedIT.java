package io.dqlite4j.it.r2dbc;

import io.dqlite4j.testkit.DqliteCluster;
import org.junit.jupiter.api.Timeout;

/** The R2DBC TCK with {@code :name} placeholders bound by name, as Spring Data R2DBC writes them. */
@DqliteCluster(nodes = 1)
@Timeout(120)
class R2dbcTckNamedIT extends R2dbcTck {
    @Override
    public String getPlaceholder(int index) {
        return ":p" + index;
    }

    @Override
    public Object getIdentifier(int index) {
        return "p" + index;
    }
}
