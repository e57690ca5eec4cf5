CREATE TABLE mirrors (
    remote       TEXT    PRIMARY KEY REFERENCES remotes (name) ON DELETE CASCADE ON UPDATE CASCADE,
    filters      TEXT    NOT NULL,
    keep         INTEGER NOT NULL,
    auto_update  INTEGER NOT NULL,
    last_run     INTEGER
) WITHOUT ROWID;

CREATE TABLE mirrored_images (
    mirror    TEXT    NOT NULL REFERENCES mirrors (remote) ON DELETE CASCADE ON UPDATE CASCADE,
    image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    PRIMARY KEY (mirror, image_id)
) WITHOUT ROWID;
CREATE INDEX mirrored_images_image ON mirrored_images (image_id);
