CREATE TABLE customer (
    id    INTEGER PRIMARY KEY,
    email TEXT NOT NULL CONSTRAINT uq_customer_email UNIQUE
);
CREATE TABLE purchase (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL CONSTRAINT fk_purchase_customer REFERENCES customer (id),
    item        TEXT NOT NULL,
    placed_on   DATE NOT NULL DEFAULT (date('now'))
);
