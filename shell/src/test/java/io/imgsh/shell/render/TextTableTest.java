package io.imgsh.shell.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void cellsArePaddedToTheColumnsTheyTakeOnATerminal() {
        String table = TextTable.render(List.of("ALIAS", "FINGERPRINT"),
                List.of(List.of("日本語", "ab6fcc1f7c7d"), List.of("e\u0301t\u00e9", "38e82544a877"),
                        List.of("plain", "8b63b0cd169b")), true);
        assertThat(table).isEqualTo("""
                +--------+--------------+
                | ALIAS  | FINGERPRINT  |
                +--------+--------------+
                | 日本語 | ab6fcc1f7c7d |
                +--------+--------------+
                | e\u0301t\u00e9    | 38e82544a877 |
                +--------+--------------+
                | plain  | 8b63b0cd169b |
                +--------+--------------+
                """);
    }
}
