package io.imgsh.engine.verify;

import java.util.List;

/** What a verification looked at (images and the bytes it hashed) and what it found. */
public record VerifyReport(int images, long bytesHashed, List<Finding> findings) {
    public VerifyReport {
        findings = List.copyOf(findings);
    }

    /** The findings that leave the store wrong after this run. */
    public List<Finding> problems() {
        return findings.stream().filter(Finding::problem).toList();
    }
}
