-- Constraints with declared names: generated keys keep them, as jOOQ's SQLite generator does.
CREATE TABLE publisher (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    founded DATE,
    CONSTRAINT uq_publisher_name UNIQUE (name)
);
CREATE TABLE imprint (
    id           INTEGER PRIMARY KEY,
    publisher_id INTEGER NOT NULL,
    label        TEXT NOT NULL CONSTRAINT uq_imprint_label UNIQUE,
    CONSTRAINT fk_imprint_publisher FOREIGN KEY (publisher_id) REFERENCES publisher (id)
);
