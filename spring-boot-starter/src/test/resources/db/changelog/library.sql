--liquibase formatted sql

--changeset dqlite4j:1
CREATE TABLE jpa_book (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL,
    year  INTEGER
);

--changeset dqlite4j:2
CREATE INDEX jpa_book_title ON jpa_book (title);
