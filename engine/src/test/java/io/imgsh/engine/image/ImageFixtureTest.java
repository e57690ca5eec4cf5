package io.imgsh.engine.image;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests of an engine on a store of their own: {@link #fx} is opened in a fresh temporary directory before each test
 * (before the test class's own {@code @BeforeEach} methods) and closed after it (after its {@code @AfterEach} ones).
 */
public abstract class ImageFixtureTest {
    @TempDir
    protected Path tmp;
    /** The open fixture; a test that reopens the store assigns the new one here so that it is closed too. */
    protected ImageFixture fx;

    @BeforeEach
    void openFixture() {
        fx = newFixture();
    }

    @AfterEach
    void closeFixture() {
        fx.close();
    }

    /** The fixture each test starts with; a test class whose engine must trust other certificates overrides this. */
    protected ImageFixture newFixture() {
        return new ImageFixture(tmp);
    }
}
