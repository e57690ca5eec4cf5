package io.imgsh.shell.completion;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files (or directories only) in the directory typed, relative to the working directory; hidden ones once typed. */
final class FileNames implements ValueCompleter {
    private final boolean directoriesOnly;

    FileNames(boolean directoriesOnly) {
        this.directoriesOnly = directoriesOnly;
    }

    @Override
    public void complete(Slot slot) {
        String typed = slot.typed();
        int slash = typed.lastIndexOf('/');
        String dirPart = typed.substring(0, slash + 1);
        String namePrefix = typed.substring(slash + 1);
        Path dir = dirPart.isEmpty() ? slot.workingDirectory() : slot.workingDirectory().resolve(dirPart);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(namePrefix) || name.startsWith(".") && !namePrefix.startsWith(".")) {
                    continue;
                }
                boolean isDirectory = Files.isDirectory(p);
                if (directoriesOnly && !isDirectory) {
                    continue;
                }
                String shown = isDirectory ? name + "/" : name;
                slot.add(slot.prefix() + dirPart + shown, shown, Groups.FILES, null, !isDirectory);
            }
        } catch (IOException | RuntimeException e) {
            // no such directory, or unreadable: nothing to offer
        }
    }
}
