package io.dqlite4j.spring.boot.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.spring.boot.BootApps;
import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Liquibase (4.33, through its SQLite support) and Hibernate (the community {@link SQLiteDialect},
 * which Hibernate picks from the product name "SQLite") in a Boot application on dqlite: the
 * changelog is applied on startup, and an entity is saved and found again.
 */
@DqliteCluster(nodes = 1)
@Timeout(180)
class LiquibaseHibernateStarterIT {

    @SpringBootApplication
    static class App {
    }

    @Test
    void liquibaseUpdatesOnStartupAndHibernateSavesAndFindsAnEntity(LocalCluster cluster) throws SQLException {
        String url = cluster.jdbcUrl("boot_jpa");
        try (ConfigurableApplicationContext app = BootApps.run(App.class,
                BootApps.R2DBC + "," + BootApps.FLYWAY,
                "spring.datasource.url=" + url,
                "spring.liquibase.change-log=classpath:db/changelog/library.sql")) {
            assertThat(app.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class)
                    .getJdbcServices().getDialect()).isInstanceOf(SQLiteDialect.class);
            BookRepository books = app.getBean(BookRepository.class);
            Book saved = books.save(new Book("The Left Hand of Darkness", 1969));
            assertThat(saved.getId()).isNotNull();
            Book found = books.findById(saved.getId()).orElseThrow();
            assertThat(found.getTitle()).isEqualTo("The Left Hand of Darkness");
            assertThat(found.getYear()).isEqualTo(1969);
            assertThat(books.findByTitle("The Left Hand of Darkness")).hasSize(1);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM DATABASECHANGELOG")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).as("both changesets applied").isEqualTo(2);
        }
    }

    /** {@code spring.liquibase.url} alone names its own connection: the driver class is found for it too. */
    @Test
    void aLiquibaseUrlOfItsOwnFindsTheDriver(LocalCluster cluster) throws SQLException {
        String other = cluster.jdbcUrl("boot_liquibase_own");
        try (ConfigurableApplicationContext app = BootApps.run(App.class,
                BootApps.R2DBC + "," + BootApps.FLYWAY + "," + BootApps.JPA,
                "spring.datasource.url=" + cluster.jdbcUrl("boot_liquibase_app"),
                "spring.liquibase.url=" + other,
                "spring.liquibase.change-log=classpath:db/changelog/library.sql")) {
            assertThat(app.isRunning()).isTrue();
        }
        try (Connection c = DriverManager.getConnection(other); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'jpa_book'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isOne();
        }
    }
}
