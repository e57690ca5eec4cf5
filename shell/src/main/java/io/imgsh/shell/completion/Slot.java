package io.imgsh.shell.completion;

import io.imgsh.engine.image.ImageRef;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import picocli.CommandLine.Model.ArgSpec;

/**
 * One argument value being completed and where its candidates go.
 *
 * @param arg              the parameter or option the value is for
 * @param positionals      the command's parameters before it on the line
 * @param prefix           what each candidate starts with that is not part of the value ({@code --format=})
 * @param typed            what is typed of the value, up to the cursor
 * @param data             the live data of this completion
 * @param workingDirectory where relative file names are looked up
 * @param commands         the command names of the tree
 * @param out              the candidates found
 */
record Slot(ArgSpec arg, List<String> positionals, String prefix, String typed, CompletionSource data,
            Path workingDirectory, CommandNames commands, List<Candidate> out) {

    /** Adds {@code value} if it starts with what is typed; the candidate is {@code prefix + value}. */
    void offer(String value, String group, String descr, boolean complete) {
        if (value.startsWith(typed)) {
            add(prefix + value, value, group, descr, complete);
        }
    }

    void add(String value, String display, String group, String descr, boolean complete) {
        out.add(new Candidate(value, display, group, descr, null, null, complete));
    }

    /** The reference typed so far, split as {@link ImageRef} splits it; its remote is null when none is typed. */
    private ImageRef reference() {
        return ImageRef.parseName(typed, null);
    }

    /** Whether {@code remote:} is typed (a reference's remote is then fixed). */
    boolean remoteTyped() {
        return reference().remote() != null;
    }

    /** What candidates for the name part of a reference start with: the prefix and the {@code remote:} typed. */
    String referencePrefix() {
        return prefix + (remoteTyped() ? reference().remote() + ":" : "");
    }

    /** The name part of a reference: what is typed after {@code remote:}. */
    String name() {
        return reference().name();
    }

    /**
     * Whether the reference being typed ({@code remote:name}, or a name of the default remote) is of the local
     * store, whose images completion lists; other remotes' images are not fetched to complete a word.
     */
    boolean local() {
        String remote = reference().remote();
        return RemoteNames.isLocal(remote == null ? data.defaultRemote() : remote);
    }
}
