package io.imgsh.shell.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandRunnerTest {
    @Test
    void oneLineJoinsLinesButKeepsOtherBlanks() {
        assertThat(CommandRunner.oneLine("yaml: unmarshal errors:\n  line 1: cannot unmarshal"))
                .isEqualTo("yaml: unmarshal errors: line 1: cannot unmarshal");
        assertThat(CommandRunner.oneLine("Architecture isn't supported: "))
                .isEqualTo("Architecture isn't supported: ");
        assertThat(CommandRunner.oneLine("\n  message\r\n")).isEqualTo("message");
        assertThat(CommandRunner.oneLine("a\n\n\nb")).isEqualTo("a b");
        assertThat(CommandRunner.oneLine(null)).isEmpty();
    }
}
