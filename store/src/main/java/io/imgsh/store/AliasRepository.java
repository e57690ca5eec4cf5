package io.imgsh.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Image aliases; names are unique in the store. */
public final class AliasRepository {
    private static final String SELECT = "SELECT a.name, a.description, i.fingerprint, i.type"
            + " FROM image_aliases a JOIN images i ON i.id = a.image_id";

    private final Connection c;

    AliasRepository(Connection connection) {
        this.c = connection;
    }

    public List<AliasRecord> all() throws SQLException {
        return Sql.list(c, SELECT + " ORDER BY a.name", AliasRepository::alias);
    }

    public Optional<AliasRecord> get(String name) throws SQLException {
        return Sql.first(c, SELECT + " WHERE a.name = ?", AliasRepository::alias, name);
    }

    /** Whether an alias of this name exists, even one whose image is gone (which the store's verify repairs). */
    public boolean exists(String name) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM image_aliases WHERE name = ?", rs -> true, name).isPresent();
    }

    public void create(String name, String fingerprint, String description) throws SQLException {
        if (Sql.update(c, "INSERT INTO image_aliases (name, image_id, description)"
                + " SELECT ?, id, ? FROM images WHERE fingerprint = ?", name, description, fingerprint) != 1) {
            throw new SQLException("no image " + fingerprint);
        }
    }

    /**
     * Creates the alias on the image with {@code fingerprint} unless the name is taken; returns whether it did. One
     * statement where a look first would be two, for scripts that create many.
     */
    public boolean createIfFree(String name, String fingerprint, String description) throws SQLException {
        if (Sql.update(c, "INSERT INTO image_aliases (name, image_id, description)"
                + " SELECT ?, id, ? FROM images WHERE fingerprint = ? ON CONFLICT (name) DO NOTHING",
                name, description, fingerprint) == 1) {
            return true;
        }
        if (!exists(name)) {
            throw new SQLException("no image " + fingerprint);
        }
        return false;
    }

    /** Points the alias at the image with {@code fingerprint}, with {@code description}. */
    public void update(String name, String fingerprint, String description) throws SQLException {
        if (Sql.update(c, "UPDATE image_aliases SET description = ?,"
                + " image_id = (SELECT id FROM images WHERE fingerprint = ?) WHERE name = ?",
                description, fingerprint, name) != 1) {
            throw new SQLException("no alias " + name);
        }
    }

    public boolean rename(String name, String newName) throws SQLException {
        return Sql.update(c, "UPDATE image_aliases SET name = ? WHERE name = ?", newName, name) > 0;
    }

    public boolean delete(String name) throws SQLException {
        return Sql.update(c, "DELETE FROM image_aliases WHERE name = ?", name) > 0;
    }

    /** The names of aliases whose image has no row (only a database edited without foreign keys has them). */
    public List<String> orphans() throws SQLException {
        return Sql.list(c, "SELECT name FROM image_aliases WHERE image_id NOT IN (SELECT id FROM images)"
                + " ORDER BY name", rs -> rs.getString(1));
    }

    /** Deletes the alias if its image has no row; whether it did. */
    public boolean deleteOrphan(String name) throws SQLException {
        return Sql.update(c, "DELETE FROM image_aliases WHERE name = ? AND image_id NOT IN (SELECT id FROM images)",
                name) > 0;
    }

    private static AliasRecord alias(ResultSet rs) throws SQLException {
        return new AliasRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }
}
