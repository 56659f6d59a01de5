package io.dqlite4j.spring.boot.jpa;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Books, through Spring Data JPA on Hibernate's community SQLite dialect. */
interface BookRepository extends JpaRepository<Book, Long> {
    List<Book> findByTitle(String title);
}
