package io.dqlite4j.spring.boot.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A JPA entity on a table Liquibase creates; its key is the rowid SQLite assigns. */
@Entity
@Table(name = "jpa_book")
public class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String title;
    private Integer year;

    protected Book() {
    }

    Book(String title, Integer year) {
        this.title = title;
        this.year = year;
    }

    Long getId() {
        return id;
    }

    String getTitle() {
        return title;
    }

    Integer getYear() {
        return year;
    }
}
