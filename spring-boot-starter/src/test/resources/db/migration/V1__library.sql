CREATE TABLE author (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL CONSTRAINT uq_author_name UNIQUE
);
CREATE TABLE book (
    id        INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL CONSTRAINT fk_book_author REFERENCES author (id),
    title     TEXT NOT NULL
);
