package io.imgsh.shell.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
    private final LineSplitter splitter = new LineSplitter();

    @Test
    void blanksSeparateWords() {
        assertThat(splitter.split("image  list\t-c  l ")).containsExactly("image", "list", "-c", "l");
        assertThat(splitter.split("   ")).isEmpty();
        assertThat(splitter.split("")).isEmpty();
    }

    @Test
    void quotesAsInAShell() {
        assertThat(splitter.split("image set-property a description \"two words\""))
                .containsExactly("image", "set-property", "a", "description", "two words");
        assertThat(splitter.split("a 'single quoted' b\\ c")).containsExactly("a", "single quoted", "b c");
        // quotes inside a word: the usual key="value with spaces"
        assertThat(splitter.split("key=\"v w\" k2='x y'z")).containsExactly("key=v w", "k2=x yz");
        assertThat(splitter.split("'it''s'")).containsExactly("its");
        // an empty quoted word is an empty argument
        assertThat(splitter.split("empty \"\" x ''")).containsExactly("empty", "", "x", "");
    }

    @Test
    void escapes() {
        assertThat(splitter.split("\"a \\\"quoted\\\" \\\\ \\n\"")).containsExactly("a \"quoted\" \\ \\n");
        assertThat(splitter.split("'no \\ escapes'")).containsExactly("no \\ escapes");
        assertThat(splitter.split("\\'x \\\\")).containsExactly("'x", "\\");
    }

    @Test
    void aHashThatStartsAWordStartsAComment() {
        assertThat(splitter.split("image list -c l # a note, \"unclosed")).containsExactly("image", "list", "-c", "l");
        assertThat(splitter.split("# only a comment")).isEmpty();
        // inside a word, quoted or escaped it is text
        assertThat(splitter.split("a#b '#c' \"#d\" \\#e")).containsExactly("a#b", "#c", "#d", "#e");
    }

    @Test
    void variablesExpandOutsideSingleQuotesAsLiteralText() {
        LineSplitter script = new LineSplitter(new Variables(Map.of("A", "two words", "Q", "it's \"#x\\", "E", "")));
        assertThat(script.split("x ${A} \"${A}\" k=${A}")).containsExactly("x", "two words", "two words", "k=two words");
        assertThat(script.split("${Q}")).containsExactly("it's \"#x\\");
        assertThat(script.split("'${A}' \\${A} \"\\${A}\"")).containsExactly("${A}", "${A}", "${A}");
        // an empty value makes no word unless quoted, as in a shell
        assertThat(script.split("a ${E} b \"${E}\"")).containsExactly("a", "b", "");
        // a comment is not expanded
        assertThat(script.split("a # ${UNDEFINED}")).containsExactly("a");
        assertThatThrownBy(() -> script.split("a ${UNDEFINED}"))
                .hasMessage("undefined variable ${UNDEFINED} (define it with -D UNDEFINED=VALUE or in the environment)");
        assertThatThrownBy(() -> script.split("${1A}")).hasMessage("invalid variable reference ${1A}");
        // without variables (the prompt) a reference is plain text
        assertThat(splitter.split("${A}")).containsExactly("${A}");
    }

    @Test
    void unclosedQuotesAreSyntaxErrors() {
        assertThatThrownBy(() -> splitter.split("image info \"unclosed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("syntax error: missing closing quote");
        assertThatThrownBy(() -> splitter.split("image info 'unclosed"))
                .hasMessage("syntax error: missing closing quote");
        assertThatThrownBy(() -> splitter.split("a=\"x\\\""))
                .hasMessage("syntax error: missing closing quote");
    }

    @Test
    void trailingBackslashIsASyntaxError() {
        assertThatThrownBy(() -> splitter.split("image info x\\")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("syntax error: backslash at the end of the line");
    }
}
