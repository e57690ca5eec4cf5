package io.imgsh.engine.streams;

import java.util.List;

/** What {@code streams verify} found: how many files it hashed, and one line per problem (none: the tree is sound). */
public record VerifyReport(int files, List<String> problems) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
