package io.dqlite4j.spring.boot.r2dbc;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/** Notes, with keys the database generates. */
interface NoteRepository extends ReactiveCrudRepository<R2dbcStarterIT.Note, Long> {
}
