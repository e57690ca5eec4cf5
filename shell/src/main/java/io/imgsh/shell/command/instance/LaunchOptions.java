package io.imgsh.shell.command.instance;

import io.imgsh.engine.instance.LaunchRequest;
import io.imgsh.shell.command.common.Remotes;
import io.imgsh.shell.completion.Completes;
import io.imgsh.shell.completion.Completes.Kind;
import io.imgsh.shell.session.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code init} and {@code launch} share: the image, the instance name, {@code -c} and {@code --ephemeral}. */
public final class LaunchOptions {
    @Completes(Kind.IMAGE)
    @Parameters(index = "0", paramLabel = "[remote:]IMAGE")
    String image;

    @Completes(Kind.TEXT)
    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "Instance name (default: made up)")
    String name;

    @Completes(Kind.TEXT)
    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "Config key: security.privileged, raw.lxc or user.*")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = {"-e", "--ephemeral"}, description = "Delete the instance once it stops")
    boolean ephemeral;

    LaunchRequest request(Session session) {
        return new LaunchRequest(Remotes.parse(session, image), name, config, ephemeral);
    }
}
