package io.dqlite4j.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.dqlite4j.testkit.DqliteCluster;
import io.dqlite4j.testkit.LocalCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The example runs as shipped against a real cluster, given only the data-source URL. */
@DqliteCluster(nodes = 1)
@Timeout(120)
class ShopApplicationIT {

    @Test
    void runsWithOnlyADatasourceUrl(LocalCluster cluster) {
        try (ConfigurableApplicationContext app = SpringApplication.run(ShopApplication.class,
                "--spring.datasource.url=" + cluster.jdbcUrl("shop"), "--spring.main.web-application-type=none")) {
            Shop shop = app.getBean(Shop.class);
            assertThat(shop.registered("ada@example.org")).isTrue();
            assertThat(shop.purchases("ada@example.org")).isEqualTo(1);
            shop.register("grace@example.org", "compiler");
            assertThat(shop.purchases("grace@example.org")).isEqualTo(1);
        }
    }
}
