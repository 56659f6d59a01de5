-- Authors: AUTOINCREMENT identity, a UNIQUE column, a DATE.
CREATE TABLE author (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    name  TEXT NOT NULL,
    email TEXT UNIQUE,
    born  DATE
);

-- Categories: a rowid alias (INTEGER PRIMARY KEY) and a self-referencing foreign key.
CREATE TABLE category (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    parent_id INTEGER REFERENCES category (id)
);
