package io.imgsh.shell.command.image;

import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.Images;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import picocli.CommandLine.Parameters;

/** What {@code get-property}, {@code set-property} and {@code unset-property} share: an image and a key. */
abstract class PropertyCommand implements Runnable {
    final Session session;

    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Completes(Kind.PROPERTY_KEY)
    @Parameters(index = "1", paramLabel = "KEY")
    String key;

    PropertyCommand(Session session) {
        this.session = session;
    }

    ImageRef ref() {
        return Remotes.parse(session, image);
    }

    /** Sets the key to {@code value}, or removes it when null, wherever the image is (if it may be changed there). */
    void write(String value) {
        ImageRef ref = ref();
        Images images = Remotes.images(session, ref.remote());
        images.requireWritable();
        images.setProperty(images.resolve(ref.name()).fingerprint(), key, value);
    }
}
