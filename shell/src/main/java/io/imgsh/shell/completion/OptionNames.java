package io.imgsh.shell.completion;

import java.util.List;
import org.jline.reader.Candidate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The option names of a command, each with its option's description. */
final class OptionNames {
    private OptionNames() {
    }

    static void offer(CommandSpec command, String typed, List<Candidate> out) {
        for (OptionSpec o : command.options()) {
            if (o.hidden()) {
                continue;
            }
            String descr = Descriptions.of(o);
            for (String name : o.names()) {
                if (name.startsWith(typed)) {
                    out.add(new Candidate(name, name, Groups.OPTIONS, descr, null, o.longestName(), true));
                }
            }
        }
    }
}
