package io.dqlite4j.spring.boot;

import io.r2dbc.spi.ConnectionFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactory;
import org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver;

/**
 * Tells Spring's {@code DatabaseClient} which bind markers the dqlite R2DBC driver takes:
 * {@code $1, $2, …}, bound by index. Registered in {@code META-INF/spring.factories} under
 * {@code org.springframework.r2dbc.core.binding.BindMarkersFactoryResolver$BindMarkerFactoryProvider}.
 */
public class DqliteBindMarkersFactoryProvider implements BindMarkersFactoryResolver.BindMarkerFactoryProvider {

    /** Creates the provider; Spring's factories loader does this. */
    public DqliteBindMarkersFactoryProvider() {
    }

    @Override
    public BindMarkersFactory getBindMarkers(ConnectionFactory connectionFactory) {
        return DqliteR2dbcDialectProvider.isDqlite(connectionFactory) ? DqliteR2dbcDialect.bindMarkers() : null;
    }
}
