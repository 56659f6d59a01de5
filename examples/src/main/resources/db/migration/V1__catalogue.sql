-- The catalogue: authors, a genre tree, books and their editions.

CREATE TABLE author (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    born DATE
);

-- A rowid alias key and a self-referencing foreign key (sub-genres).
CREATE TABLE genre (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    parent_id INTEGER REFERENCES genre (id)
);

CREATE TABLE book (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES author (id),
    genre_id     INTEGER REFERENCES genre (id),
    published_at DATETIME,
    CONSTRAINT book_title_author UNIQUE (title, author_id)
);
CREATE INDEX book_published ON book (published_at DESC);

-- A composite primary key.
CREATE TABLE edition (
    book_id    INTEGER NOT NULL REFERENCES book (id),
    edition_no INTEGER NOT NULL CHECK (edition_no >= 1),
    isbn       TEXT NOT NULL UNIQUE,
    PRIMARY KEY (book_id, edition_no)
);
