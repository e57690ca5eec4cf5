package io.imgsh.shell.view;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A question in a view's footer: either a line typed and handed on with Enter (Esc or Ctrl-C cancel it), or a y/N
 * that only y answers yes.
 */
final class Question {
    /** What {@link #key} gives when the question was not answered. */
    static final Runnable CANCEL = () -> { };

    private final String text;
    private final LineInput answer;
    private final Consumer<String> onAnswer;
    private final Runnable onYes;

    private Question(String text, LineInput answer, Consumer<String> onAnswer, Runnable onYes) {
        this.text = text;
        this.answer = answer;
        this.onAnswer = onAnswer;
        this.onYes = onYes;
    }

    /** Asks {@code text}; Enter hands the typed line to {@code onAnswer}. */
    static Question asking(String text, Consumer<String> onAnswer) {
        return new Question(text, new LineInput(""), onAnswer, null);
    }

    /** Asks {@code text}; y runs {@code onYes}. */
    static Question confirming(String text, Runnable onYes) {
        return new Question(text, null, null, onYes);
    }

    /**
     * Takes {@code key}: empty while a line is being typed; once the question is over, what to run, which is
     * {@link #CANCEL} when it was not answered.
     */
    Optional<Runnable> key(KeyStroke key) {
        if (answer == null) {
            return Optional.of(Keys.is(key, 'y') || Keys.is(key, 'Y') ? onYes : CANCEL);
        }
        if (Keys.is(key, KeyType.Enter)) {
            String line = answer.text();
            return Optional.of(() -> onAnswer.accept(line));
        }
        if (Keys.cancel(key)) {
            return Optional.of(CANCEL);
        }
        answer.edit(key);
        return Optional.empty();
    }

    /** The footer's line: the question and what is typed so far. */
    String line() {
        return answer == null ? text : text + answer.text();
    }

    /** The cursor's column in {@link #line}, when a line is being typed. */
    Optional<Integer> cursor() {
        return answer == null ? Optional.empty() : Optional.of(Draw.width(text) + answer.cursor());
    }
}
