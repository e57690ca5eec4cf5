CREATE TABLE images (
    id            INTEGER PRIMARY KEY,
    fingerprint   TEXT    NOT NULL UNIQUE,
    filename      TEXT    NOT NULL,
    size          INTEGER NOT NULL,
    split         INTEGER NOT NULL,
    type          TEXT    NOT NULL,
    architecture  TEXT    NOT NULL,
    public        INTEGER NOT NULL DEFAULT 0,
    auto_update   INTEGER NOT NULL DEFAULT 0,
    cached        INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    uploaded_at   INTEGER NOT NULL,
    last_used_at  INTEGER
);

CREATE TABLE image_properties (
    image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    key       TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (image_id, key)
) WITHOUT ROWID;

CREATE TABLE image_profiles (
    image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT    NOT NULL,
    PRIMARY KEY (image_id, position)
) WITHOUT ROWID;

CREATE TABLE image_aliases (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL UNIQUE,
    image_id     INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    description  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX image_aliases_image ON image_aliases (image_id);

CREATE TABLE image_sources (
    image_id     INTEGER PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    server       TEXT NOT NULL,
    protocol     TEXT NOT NULL,
    certificate  TEXT NOT NULL,
    alias        TEXT NOT NULL,
    image_type   TEXT NOT NULL
);

CREATE TABLE config (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    timestamp  INTEGER NOT NULL,
    action     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    context    TEXT    NOT NULL
);
