package io.dqlite4j.examples.boot;

import io.dqlite4j.spring.boot.DqliteInDoubtDataAccessException;
import io.dqlite4j.spring.boot.DqliteHealthIndicator;
import io.dqlite4j.testkit.LocalCluster;
import java.util.Arrays;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Runs the shop once: registers a customer (retrying an in-doubt commit only after checking),
 * prints the purchases and the cluster's health. Without {@code spring.datasource.url} it starts
 * a local three-node cluster for the run.
 */
@SpringBootApplication
public class ShopApplication {

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        if (Arrays.stream(args).anyMatch(a -> a.startsWith("--spring.datasource.url="))
                || System.getenv("SPRING_DATASOURCE_URL") != null) {
            SpringApplication.run(ShopApplication.class, args).close();
            return;
        }
        try (LocalCluster cluster = LocalCluster.start(3)) {
            String[] withUrl = Arrays.copyOf(args, args.length + 1);
            withUrl[args.length] = "--spring.datasource.url=" + cluster.jdbcUrl("shop");
            SpringApplication.run(ShopApplication.class, withUrl).close();
        }
    }

    @Bean
    CommandLineRunner demo(Shop shop, DqliteHealthIndicator health) {
        return args -> {
            String email = "ada@example.org";
            if (!shop.registered(email)) {
                try {
                    shop.register(email, "notebook");
                } catch (DqliteInDoubtDataAccessException e) {
                    // The write may have been applied: check before doing it again.
                    if (!shop.registered(email)) {
                        shop.register(email, "notebook");
                    }
                }
            }
            System.out.println(email + " has " + shop.purchases(email) + " purchase(s)");
            System.out.println("cluster health: " + health.health().getStatus() + " " + health.health().getDetails());
        };
    }
}
