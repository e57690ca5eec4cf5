package io.imgsh.store;

import java.io.IOException;
import java.sql.SQLException;

/** Work done inside one transaction. */
@FunctionalInterface
public interface TxWork<T> {
    T run(Tx tx) throws SQLException, IOException;
}
