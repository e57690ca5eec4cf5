package io.imgsh.shell.command;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
public final class ImgshVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ImgshVersion.class.getPackage().getImplementationVersion();
        return new String[] {"imgsh " + (v == null ? "development" : v)};
    }
}
