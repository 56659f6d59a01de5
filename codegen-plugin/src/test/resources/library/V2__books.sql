/* Books: DATETIME and BOOLEAN columns, a CHECK, a composite UNIQUE, FKs written both ways. */
CREATE TABLE book (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    title        TEXT NOT NULL,
    author_id    INTEGER NOT NULL REFERENCES author (id),
    category_id  INTEGER REFERENCES category,
    published_at DATETIME,
    available    BOOLEAN NOT NULL DEFAULT 1,
    pages        INTEGER CHECK (pages > 0),
    CONSTRAINT book_title_author UNIQUE (title, author_id)
);
CREATE INDEX book_published ON book (published_at DESC, title);

-- Editions: a composite primary key and a unique index.
CREATE TABLE edition (
    book_id    INTEGER NOT NULL REFERENCES book (id),
    edition_no INTEGER NOT NULL,
    isbn       TEXT NOT NULL,
    PRIMARY KEY (book_id, edition_no)
);
CREATE UNIQUE INDEX edition_isbn ON edition (isbn);

-- Copies: a composite foreign key, a TIMESTAMP, a nullable BOOLEAN, a table CHECK.
CREATE TABLE copy (
    id          INTEGER PRIMARY KEY,
    book_id     INTEGER NOT NULL,
    edition_no  INTEGER NOT NULL,
    acquired_at TIMESTAMP NOT NULL,
    lost        BOOLEAN,
    FOREIGN KEY (book_id, edition_no) REFERENCES edition (book_id, edition_no),
    CHECK (edition_no >= 1)
);

CREATE VIEW available_book AS
    SELECT b.id, b.title, a.name AS author
    FROM book b JOIN author a ON a.id = b.author_id
    WHERE b.available;

-- A trigger body holds ';' that must not split the script.
CREATE TRIGGER copy_lost_check BEFORE UPDATE OF lost ON copy
WHEN NEW.lost IS NULL
BEGIN
    SELECT RAISE(ABORT, 'lost must be true or false');
    SELECT 1;
END;
