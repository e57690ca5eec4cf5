package io.imgsh.engine.remote;

/**
 * What adding a remote asks the person adding it, when there is one to ask (a terminal). Without one, the flags
 * decide: {@code --accept-certificate}, {@code --password}, {@code --public}.
 */
public interface AddQuestions {
    /**
     * The server's certificate is not vouched for by the system's trust store: whether to pin it, shown by its
     * SHA-256 fingerprint. May throw to refuse with the user's words.
     */
    boolean trustCertificate(String fingerprint);

    /** The trust password (admin password or token) of the server of {@code remote}, asked without echo. */
    String password(String remote);
}
