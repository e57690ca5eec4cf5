package io.imgsh.shell.command.remote;

import io.imgsh.engine.EngineException;
import io.imgsh.engine.remote.AddQuestions;
import io.imgsh.shell.session.Session;
import io.imgsh.shell.session.UserInput;
import java.util.Locale;

/** {@code remote add}'s questions asked as {@code lxc} asks them, of the user at the session's terminal. */
final class AddQuestionsAsked implements AddQuestions {
    private final Session session;

    AddQuestionsAsked(Session session) {
        this.session = session;
    }

    @Override
    public boolean trustCertificate(String fingerprint) {
        session.out().println("Certificate fingerprint: " + fingerprint);
        String answer = UserInput.line(session, "ok (y/n/[fingerprint])? ", false).strip();
        if (answer.equals(fingerprint)) {
            return true;
        }
        if (answer.isEmpty() || answer.toLowerCase(Locale.ROOT).startsWith("n")) {
            throw new EngineException("Server certificate NACKed by user");
        }
        if (!answer.toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new EngineException("Please type 'y', 'n' or the fingerprint:");
        }
        return true;
    }

    @Override
    public String password(String remote) {
        return UserInput.line(session, "Admin password (or token) for " + remote + ": ", true);
    }
}
