package io.imgsh.shell.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.engine.Engine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackgroundPolicyTest {
    @TempDir
    Path dir;

    @Test
    void aRunStoppedBecauseTheShellLeavesSaysNothing() {
        List<String> notices = new CopyOnWriteArrayList<>();
        try (Engine engine = Engine.open(dir, Clock.systemUTC())) {
            assertThat(engine.policy().overdue()).isTrue();
            // leaving right after start interrupts the run at every stage: before, during or after taking its lock
            for (int i = 0; i < 200; i++) {
                BackgroundPolicy.start(engine, notices::add).close();
            }
        }
        assertThat(notices).isEmpty();
    }
}
