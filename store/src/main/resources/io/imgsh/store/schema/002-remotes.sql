CREATE TABLE remotes (
    name         TEXT    PRIMARY KEY,
    url          TEXT    NOT NULL,
    protocol     TEXT    NOT NULL,
    auth_type    TEXT    NOT NULL,
    public       INTEGER NOT NULL DEFAULT 0,
    certificate  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE remote_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO remotes (name, url, protocol, auth_type, public, certificate)
    VALUES ('images', 'https://images.lxd.canonical.com', 'simplestreams', 'none', 1, '');

CREATE TABLE policy_runs (
    task      TEXT    PRIMARY KEY,
    last_run  INTEGER NOT NULL
) WITHOUT ROWID;
