package io.dqlite4j.it.r2dbc;

import io.dqlite4j.testkit.DqliteCluster;
import org.junit.jupiter.api.Timeout;

/** The R2DBC TCK with {@code ?} placeholders bound by index. */
@DqliteCluster(nodes = 1)
@Timeout(120)
class R2dbcTckQuestionMarkIT extends R2dbcTck {
    @Override
    public String getPlaceholder(int index) {
        return "?";
    }

    @Override
    public Object getIdentifier(int index) {
        return index;
    }
}
