package io.dqlite4j.jdbc;

import io.dqlite4j.sql.SqlState;
import java.sql.SQLException;

/**
 * {@link java.sql.Wrapper} for the driver's own objects, none of which wraps anything: an object
 * unwraps to itself as any type it is an instance of, and to nothing else.
 */
final class Wrappers {
    private Wrappers() {
    }

    /** {@code self} as {@code iface}; an SQLException (HY000) naming both when it is not one, or when {@code iface} is null. */
    static <T> T unwrap(Object self, Class<T> iface) throws SQLException {
        if (iface != null && iface.isInstance(self)) {
            return iface.cast(self);
        }
        throw new SQLException(self.getClass().getSimpleName() + " is not a wrapper for "
                + (iface == null ? "null" : iface.getName()), SqlState.GENERAL_ERROR.code());
    }

    /** Whether {@code self} is an instance of {@code iface}; false for a null {@code iface}. */
    static boolean isWrapperFor(Object self, Class<?> iface) {
        return iface != null && iface.isInstance(self);
    }
}
