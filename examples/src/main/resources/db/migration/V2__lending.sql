-- Lending: physical copies, members, loans.

-- A composite foreign key to edition, a BOOLEAN and a DATETIME with a default.
CREATE TABLE copy (
    id          INTEGER PRIMARY KEY,
    book_id     INTEGER NOT NULL,
    edition_no  INTEGER NOT NULL,
    shelf       TEXT NOT NULL,
    available   BOOLEAN NOT NULL DEFAULT 1,
    acquired_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    FOREIGN KEY (book_id, edition_no) REFERENCES edition (book_id, edition_no)
);

CREATE TABLE member (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    name   TEXT NOT NULL,
    email  TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL DEFAULT 1
);

CREATE TABLE loan (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    copy_id     INTEGER NOT NULL REFERENCES copy (id),
    member_id   INTEGER NOT NULL REFERENCES member (id),
    lent_at     DATETIME NOT NULL,
    due_at      DATETIME NOT NULL,
    returned_at DATETIME,
    CHECK (due_at > lent_at)
);
CREATE INDEX loan_member ON loan (member_id, lent_at DESC);

CREATE VIEW open_loan AS
    SELECT l.id AS loan_id, b.title AS title, m.name AS member, l.due_at AS due_at
    FROM loan l
    JOIN copy c ON c.id = l.copy_id
    JOIN book b ON b.id = c.book_id
    JOIN member m ON m.id = l.member_id
    WHERE l.returned_at IS NULL;

-- Returning a loan puts the copy back on the shelf.
CREATE TRIGGER loan_returned AFTER UPDATE OF returned_at ON loan
WHEN NEW.returned_at IS NOT NULL
BEGIN
    UPDATE copy SET available = 1 WHERE id = NEW.copy_id;
END;
