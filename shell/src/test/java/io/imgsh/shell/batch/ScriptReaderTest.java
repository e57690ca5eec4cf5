package io.imgsh.shell.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptReaderTest {
    private static List<ScriptLine> read(String text) throws IOException {
        return ScriptReader.read(new StringReader(text));
    }

    @Test
    void commentsAndBlankLinesAreDroppedAndNumbersKept() throws IOException {
        assertThat(read("# c\n\n  # indented\nimage list\n\t\nconfig show\n")).containsExactly(
                new ScriptLine(4, "image list"), new ScriptLine(6, "config show"));
    }

    @Test
    void continuationsJoinAndKeepTheFirstLineNumber() throws IOException {
        assertThat(read("a\nb \\\n  c \\\n  d\ne\n")).containsExactly(
                new ScriptLine(1, "a"), new ScriptLine(2, "b    c    d"), new ScriptLine(5, "e"));
    }

    @Test
    void aCommentInsideAContinuationIsPartOfTheLine() throws IOException {
        assertThat(read("a \\\n# not a comment\n")).containsExactly(new ScriptLine(1, "a  # not a comment"));
    }

    @Test
    void evenTrailingBackslashesDoNotContinue() throws IOException {
        assertThat(read("a \\\\\nb \\\\\\\nc\n")).containsExactly(
                new ScriptLine(1, "a \\\\"), new ScriptLine(2, "b \\\\ c"));
    }

    @Test
    void continuationOnTheLastLineAndCrlf() throws IOException {
        assertThat(read("a \\\r\nb\r\nc \\")).containsExactly(new ScriptLine(1, "a  b"), new ScriptLine(3, "c"));
    }

    @Test
    void emptyScript() throws IOException {
        assertThat(read("")).isEmpty();
        assertThat(read("\n\n# only\n")).isEmpty();
    }
}
