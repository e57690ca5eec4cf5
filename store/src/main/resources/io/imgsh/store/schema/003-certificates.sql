CREATE TABLE certificates (
    fingerprint  TEXT    PRIMARY KEY,
    type         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    certificate  TEXT    NOT NULL
) WITHOUT ROWID;
