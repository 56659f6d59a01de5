package io.dqlite4j.spring.boot.r2dbc;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** Tags, with keys the application assigns. */
interface TagRepository extends ReactiveCrudRepository<R2dbcStarterIT.Tag, String> {
}
