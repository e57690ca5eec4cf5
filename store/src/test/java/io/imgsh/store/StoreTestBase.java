package io.imgsh.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of one store in a fresh temporary directory, opened before each test and closed after it. */
abstract class StoreTestBase {
    @TempDir
    Path home;
    /** The open store; a test that reopens it assigns the new one here so that it is closed too. */
    Store store;

    @BeforeEach
    void openStore() {
        store = Store.open(home);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }
}
