package io.imgsh.shell.completion;

import static org.assertj.core.api.Assertions.assertThat;

import io.imgsh.shell.line.LineSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prompt's parser splits as the splitter that runs the line does, and finds the word at the cursor. */
class LineParserTest {
    private static LineParser.Line parse(String line, int cursor) {
        return (LineParser.Line) new LineParser().parse(line, cursor);
    }

    @ParameterizedTest
    @ValueSource(strings = {"image list", "  image   list  ", "image set-property web description=\"My image\"",
            "a 'b c' d\\ e", "x \"\" y", "it\\'s\\ fine \"a\\\"b\" '$HOME'"})
    void wordsAreTheSplittersWords(String line) {
        assertThat(parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList())
                .isEqualTo(new LineSplitter().split(line).stream().filter(w -> !w.isEmpty()).toList());
    }

    @Test
    void anEmptyWordAfterABlank() {
        LineParser.Line line = parse("image info ", 11);
        assertThat(line.words()).containsExactly("image", "info", "");
        assertThat(line.wordIndex()).isEqualTo(2);
        assertThat(line.word()).isEmpty();
        assertThat(line.rawWordCursor()).isZero();
        assertThat(line.rawWordLength()).isZero();
    }

    @Test
    void theWordTheCursorIsInOrAtTheEndOf() {
        LineParser.Line end = parse("image inf", 9);
        assertThat(end.wordIndex()).isEqualTo(1);
        assertThat(end.word()).isEqualTo("inf");
        assertThat(end.wordCursor()).isEqualTo(3);
        LineParser.Line middle = parse("image info web", 8);
        assertThat(middle.wordIndex()).isEqualTo(1);
        assertThat(middle.wordCursor()).isEqualTo(2);
        assertThat(middle.rawWordCursor()).isEqualTo(2);
        assertThat(middle.rawWordLength()).isEqualTo(4);
        LineParser.Line start = parse("image info web", 11);
        assertThat(start.wordIndex()).isEqualTo(2);
        assertThat(start.wordCursor()).isZero();
        LineParser.Line between = parse("image  info", 6);
        assertThat(between.words()).containsExactly("image", "", "info");
        assertThat(between.wordIndex()).isEqualTo(1);
    }

    @Test
    void quotesAndEscapesInTheWordBeingTyped() {
        LineParser.Line quoted = parse("image import \"my fi", 19);
        assertThat(quoted.word()).isEqualTo("my fi");
        assertThat(quoted.rawWordCursor()).isEqualTo(6);
        assertThat(quoted.escape("my file.tar", true).toString()).isEqualTo("\"my file.tar\"");
        LineParser.Line escaped = parse("image import my\\ fi", 19);
        assertThat(escaped.word()).isEqualTo("my fi");
        assertThat(escaped.rawWordCursor()).isEqualTo(6);
        assertThat(escaped.escape("my file.tar", true).toString()).isEqualTo("my\\ file.tar");
        LineParser.Line midWord = parse("image list description=\"My im", 29);
        assertThat(midWord.word()).isEqualTo("description=My im");
        assertThat(midWord.escape("description=My image", true).toString()).isEqualTo("\"description=My image\"");
    }

    @Test
    void specialCharactersAreEscapedForTheSplitter() {
        String escaped = LineParser.Line.quoteWord("a b'c\"d\\e", (char) 0, true);
        assertThat(new LineSplitter().split(escaped)).containsExactly("a b'c\"d\\e");
        String single = LineParser.Line.quoteWord("it's", '\'', true);
        assertThat(new LineSplitter().split(single)).containsExactly("it's");
        String dbl = LineParser.Line.quoteWord("a\"$b\\", '"', true);
        assertThat(new LineSplitter().split(dbl)).containsExactly("a\"$b\\");
    }

    @Test
    void aLineTheSplitterRefusesStillParsesForCompletion() {
        assertThat(parse("image info 'unclosed", 20).word()).isEqualTo("unclosed");
        assertThat(parse("trailing \\", 10).words()).containsExactly("trailing", "");
    }
}
