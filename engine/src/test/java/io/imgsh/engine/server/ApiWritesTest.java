package io.imgsh.engine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imgsh.engine.ConflictException;
import io.imgsh.engine.Engine;
import io.imgsh.engine.event.EventType;
import io.imgsh.engine.image.AliasEntry;
import io.imgsh.engine.image.Image;
import io.imgsh.engine.image.ImageETag;
import io.imgsh.engine.image.ImageFixture;
import io.imgsh.engine.image.ImagePut;
import io.imgsh.engine.image.ImageRef;
import io.imgsh.engine.image.ImageSnapshot;
import io.imgsh.engine.image.ImportRequest;
import io.imgsh.engine.image.Images;
import io.imgsh.engine.image.MutableClock;
import io.imgsh.engine.image.Progress;
import io.imgsh.engine.remote.CopyRequest;
import io.imgsh.engine.remote.CopyService;
import io.imgsh.engine.remote.Http;
import io.imgsh.engine.remote.TlsIdentity;
import io.imgsh.engine.remote.lxd.LxdEvents;
import io.imgsh.engine.remote.lxd.LxdPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted write side of {@code imgsh serve}: operations, image edits and deletion, aliases, secrets and bad
 * input, through imgsh's own lxd client (trusted by the served store) and raw requests. One server serves every
 * test; each test imports the images it changes.
 */
class ApiWritesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static MutableClock clock;
    static Engine served;
    static ApiServer server;
    static String url;
    static Engine client;
    static Images ours;

    @BeforeAll
    static void serve() {
        clock = new MutableClock(ImageFixture.START);
        served = Engine.open(dir.resolve("served"), clock);
        server = served.serve(new InetSocketAddress("127.0.0.1", 0));
        url = "https://127.0.0.1:" + server.port();
        client = Engine.open(dir.resolve("client"), new MutableClock(ImageFixture.START));
        Path config = dir.resolve("client-config");
        client.remotes().useConfigDir(config);
        served.trust().add(TlsIdentity.loadOrCreate(config, TlsIdentity.Role.CLIENT).certificatePem(), "");
        client.remotes().add("ourst", url, null, false, true, null);
        client.remotes().add("anyone", url, null, true, true, null);
        ours = client.images("ourst");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
        served.close();
    }

    /** A new image in the served store, with its aliases; returns its fingerprint. */
    private static String imported(String tag, boolean isPublic, String... aliases) throws IOException {
        Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique(tag));
        return served.images().importImage(new ImportRequest(file, null, List.of(aliases), isPublic, Map.of()))
                .fingerprint();
    }

    /** A request from the trusted client ({@code remote} "ourst") or an untrusted one ("anyone"). */
    private static Answer send(String remote, String method, String path, String body, String... headers) {
        return sendTo(remote, url, method, path, body, headers);
    }

    /** A request to the server at {@code base} with the client of {@code remote}. */
    private static Answer sendTo(String remote, String base, String method, String path, String body,
                                 String... headers) {
        HttpRequest.Builder request = Http.request(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<InputStream> response = client.remotes().http(client.remotes().get(remote))
                .send(request.build());
        try (InputStream in = response.body()) {
            return new Answer(response.statusCode(), response.headers().map(), in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Answer trusted(String method, String path, String body, String... headers) {
        return send("ourst", method, path, body, headers);
    }

    /** A status, the headers and the body (as text, or JSON when it is). */
    private record Answer(int status, Map<String, List<String>> headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError(body(), e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @Test
    void aDeletionIsAnOperationKeptFiveSecondsAfterItFinished() throws Exception {
        String fp = imported("delete", false, "doomed");
        Answer started = trusted("DELETE", "/1.0/images/" + fp, null);
        assertThat(started.status()).isEqualTo(202);
        JsonNode op = started.json().get("metadata");
        String location = "/1.0/operations/" + op.get("id").asText();
        assertThat(started.header("Location")).isEqualTo(location);
        assertThat(started.json().get("type").asText()).isEqualTo("async");
        assertThat(started.json().get("status").asText()).isEqualTo("Operation created");
        assertThat(started.json().get("status_code").asInt()).isEqualTo(100);
        assertThat(started.json().get("operation").asText()).isEqualTo(location);
        assertThat(op.get("class").asText()).isEqualTo("task");
        assertThat(op.get("description").asText()).isEqualTo("Deleting image");
        assertThat(op.get("resources").toString()).isEqualTo("{\"images\":[\"/1.0/images/" + fp + "\"]}");
        assertThat(op.get("may_cancel").asBoolean()).isFalse();
        assertThat(op.get("location").asText()).isEqualTo("none");

        JsonNode done = trusted("GET", location + "/wait?timeout=-1", null).json().get("metadata");
        assertThat(done.get("status").asText()).isEqualTo("Success");
        assertThat(done.get("status_code").asInt()).isEqualTo(200);
        assertThat(done.get("err").asText()).isEmpty();
        assertThat(served.images().exists(fp)).isFalse();
        assertThat(served.images().aliases(List.of())).extracting(a -> a.name()).doesNotContain("doomed");
        assertThat(trusted("GET", "/1.0/operations", null).json().get("metadata").get("success").toString())
                .contains(location);
        assertThat(trusted("GET", "/1.0/operations?recursion=1", null).json().get("metadata").get("success")
                .toString()).contains("\"description\":\"Deleting image\"");
        assertThat(trusted("DELETE", location, null).body()).contains("This operation can't be cancelled");

        clock.advance(Operations.KEEP.minusMillis(1));
        assertThat(trusted("GET", location, null).status()).isEqualTo(200);
        clock.advance(Operations.KEEP);
        Answer gone = trusted("GET", location, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().get("error").asText()).isEqualTo("Operation not found");
        assertThat(send("anyone", "GET", "/1.0/operations", null).status()).isEqualTo(403);
    }

    @Test
    void operationsAreAnnouncedOnTheEventStreamWhenCreatedAndWhenFinished() throws Exception {
        String fp = imported("announced", false);
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        try (LxdEvents events = client.remotes().events("ourst", Set.of(EventType.OPERATION), frames::add)) {
            String id = trusted("DELETE", "/1.0/images/" + fp, null).json().get("metadata").get("id").asText();
            List<String> seen = new ArrayList<>();
            while (!seen.contains("Success")) {
                String frame = frames.poll(60, TimeUnit.SECONDS);
                assertThat(frame).as("an operation event").isNotNull();
                JsonNode op = JSON.readTree(frame).get("metadata");
                assertThat(op.get("id").asText()).isEqualTo(id);
                assertThat(op.get("description").asText()).isEqualTo("Deleting image");
                seen.add(op.get("status").asText());
            }
            assertThat(seen).containsExactly("Running", "Success");
        }
    }

    @Test
    void theClientsDeleteWaitsForTheOperation() throws Exception {
        String fp = imported("client-delete", true, "gone/soon");
        ours.delete(fp);
        assertThat(served.images().exists(fp)).isFalse();
        Answer again = trusted("DELETE", "/1.0/images/" + fp, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").asText()).isEqualTo("Image not found");
        assertThat(trusted("GET", "/1.0/operations/nonsense/wait?timeout=x", null).status()).isEqualTo(404);
    }

    @Test
    void anEditMadeFromAStaleReadIsRefusedWithLxdsPreconditionFailed() throws Exception {
        String fp = imported("edit", false, "edited");
        ImageSnapshot read = ours.snapshot(fp);
        ImagePut put = new ImagePut(true, Map.of("os", "edited", "release", "1"), true, null, null);
        ours.update(fp, put, read.etag());
        Image now = served.images().get(fp);
        assertThat(now.properties()).isEqualTo(Map.of("os", "edited", "release", "1"));
        assertThat(now.isPublic()).isTrue();
        assertThat(now.autoUpdate()).isTrue();

        assertThatThrownBy(() -> ours.update(fp, new ImagePut(false, Map.of(), false, null, null), read.etag()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("ETag doesn't match: " + ImageETag.of(now) + " vs " + read.etag());
        Answer raw = trusted("PUT", "/1.0/images/" + fp, "{\"public\":false}", "If-Match", "\"wrong\"");
        assertThat(raw.status()).isEqualTo(412);
        assertThat(raw.json().get("error").asText())
                .isEqualTo("ETag doesn't match: " + ImageETag.of(now) + " vs wrong");
        ours.setProperty(fp, "k", "v");
        assertThat(served.images().get(fp).properties()).containsEntry("k", "v").containsEntry("os", "edited");
    }

    @Test
    void aPatchChangesOnlyWhatItNamesAndMergesProperties() throws Exception {
        String fp = imported("patch", false);
        Map<String, String> before = served.images().get(fp).properties();
        Answer patched = trusted("PATCH", "/1.0/images/" + fp, "{\"properties\":{\"patched\":\"yes\"}}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("metadata").toString()).isEqualTo("{}");
        assertThat(trusted("PATCH", "/1.0/images/" + fp, "{\"public\":true}").status()).isEqualTo(200);
        Image image = served.images().get(fp);
        assertThat(image.properties()).containsAllEntriesOf(before).containsEntry("patched", "yes")
                .hasSize(before.size() + 1);
        assertThat(image.isPublic()).isTrue();
        assertThat(image.autoUpdate()).isFalse();
        assertThat(trusted("PATCH", "/1.0/images/" + fp, "{\"public\":false}", "If-Match", "\"stale\"").status())
                .isEqualTo(412);
        assertThat(served.images().get(fp).isPublic()).isTrue();
    }

    @Test
    void aliasesAreCreatedRenamedRepointedAndDeletedSlashesIncluded() throws Exception {
        String first = imported("alias-a", false);
        String second = imported("alias-b", false);
        ours.createAlias("ubuntu/22.04", first.substring(0, 12), "jammy");
        AliasEntry created = served.images().alias("ubuntu/22.04").orElseThrow();
        assertThat(created).isEqualTo(new AliasEntry("jammy", first, "ubuntu/22.04", "container"));
        Answer got = trusted("GET", "/1.0/images/aliases/ubuntu%2F22.04", null);
        assertThat(got.header("ETag")).isEqualTo("\"" + ImageETag.of(created) + "\"");
        // the ETag LXD 5.0.2 sent for this alias (wire/curl-writes.txt)
        assertThat(ImageETag.of(new AliasEntry("via curl",
                "38e82544a8777860efb603a48ca17be1c23869c82493aee6589320216332ab7a", "newalias", "container")))
                .isEqualTo("ccb7ef7065095f1745386bb5436d46ec43e96ad847451db0f7ed88aba167e2b4");
        assertThatThrownBy(() -> ours.createAlias("ubuntu/22.04", second, "")).isInstanceOf(ConflictException.class)
                .hasMessage("Alias \"ubuntu/22.04\" already exists");

        Answer patched = trusted("PATCH", "/1.0/images/aliases/ubuntu/22.04", "{\"description\":\"patched\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(served.images().alias("ubuntu/22.04").orElseThrow()).isEqualTo(
                new AliasEntry("patched", first, "ubuntu/22.04", "container"));
        Answer stale = trusted("PUT", "/1.0/images/aliases/ubuntu%2F22.04", "{\"target\":\"" + second + "\"}",
                "If-Match", "\"" + ImageETag.of(created) + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(trusted("PUT", "/1.0/images/aliases/ubuntu%2F22.04", "{\"target\":\"" + second + "\"}")
                .status()).isEqualTo(200);
        assertThat(served.images().alias("ubuntu/22.04").orElseThrow()).isEqualTo(
                new AliasEntry("", second, "ubuntu/22.04", "container"));

        Answer renamed = trusted("POST", "/1.0/images/aliases/ubuntu%2F22.04", "{\"name\":\"ubuntu/jammy\"}");
        assertThat(renamed.status()).isEqualTo(201);
        assertThat(renamed.header("Location")).isEqualTo("/1.0/images/aliases/ubuntu%2Fjammy");
        ours.createAlias("taken", first, "");
        assertThatThrownBy(() -> ours.renameAlias("ubuntu/jammy", "taken")).isInstanceOf(ConflictException.class)
                .hasMessage("Alias \"taken\" already exists");
        ours.renameAlias("ubuntu/jammy", "ubuntu/22.04");
        ours.deleteAlias("ubuntu/22.04");
        assertThat(served.images().aliases(List.of())).extracting(AliasEntry::name).contains("taken")
                .doesNotContain("ubuntu/22.04", "ubuntu/jammy");
        Answer missing = trusted("DELETE", "/1.0/images/aliases/ubuntu%2F22.04", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("Image alias not found");

        Answer raw = trusted("POST", "/1.0/images/aliases", "{\"name\":\"raw\",\"target\":\"" + first + "\"}");
        assertThat(raw.status()).isEqualTo(201);
        assertThat(raw.header("Location")).isEqualTo("/1.0/images/aliases/raw");
        assertThat(raw.json().get("metadata").isNull()).isTrue();
        Answer incomplete = trusted("POST", "/1.0/images/aliases", "{\"name\":\"raw2\"}");
        assertThat(incomplete.status()).isEqualTo(400);
        assertThat(incomplete.json().get("error").asText()).isEqualTo("name and target are required");
        Answer untrusted = send("anyone", "POST", "/1.0/images/aliases", "{\"name\":\"x\",\"target\":\"" + first
                + "\"}");
        assertThat(untrusted.status()).isEqualTo(403);
        assertThat(untrusted.json().get("error").asText()).isEqualTo("not authorized");
    }

    @Test
    void anAliasWithAPercentSignIsReadChangedAndDeletedLikeAnyOther() throws Exception {
        String fp = imported("percent", false);
        // LXD 5.0.2 routes %25 as any other escape: a missing alias is its 404, not an ambiguous-encoding 400
        Answer missing = trusted("GET", "/1.0/images/aliases/100%25", null);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(missing.json().get("error").asText()).isEqualTo("Image alias not found");

        ours.createAlias("100%", fp, "");
        assertThat(trusted("GET", "/1.0/images/aliases/100%25", null).json().get("metadata").get("name").asText())
                .isEqualTo("100%");
        assertThat(trusted("PATCH", "/1.0/images/aliases/100%25", "{\"description\":\"full\"}").status())
                .isEqualTo(200);
        assertThat(served.images().alias("100%").orElseThrow().description()).isEqualTo("full");
        assertThat(trusted("GET", "/1.0/images/aliases/100%2525", null).status()).as("decoded once only")
                .isEqualTo(404);
        ours.deleteAlias("100%");
        assertThat(served.images().alias("100%")).isEmpty();

        // an escaped dot segment is still refused before routing
        ours.createAlias("dots", fp, "");
        assertBadRequest(trusted("DELETE", "/1.0/images/aliases/%2e%2e/aliases/dots", null),
                "Ambiguous URI path segment");
        assertBadRequest(trusted("DELETE", "/1.0/images/aliases/%2E%2E", null), "Ambiguous URI path segment");
        assertThat(served.images().alias("dots")).isPresent();
    }

    @Test
    void aRefreshReplacesAnImageWhoseSourceAliasMoved() throws Exception {
        try (Engine source = Engine.open(dir.resolve("source"), new MutableClock(ImageFixture.START));
             ApiServer sourceServer = source.serve(new InetSocketAddress("127.0.0.1", 0))) {
            String v1 = source.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir, "app-v1"), null,
                    List.of("app"), true, Map.of())).fingerprint();
            served.remotes().useConfigDir(dir.resolve("served-config"));
            served.remotes().add("src", "https://127.0.0.1:" + sourceServer.port(), null, true, true, null);
            served.copies().copy(new ImageRef("src", "app"), "local", new CopyRequest(List.of("app"), false, true,
                    false), Progress.NONE);
            CopyService.RefreshResult same = client.copies().refresh(new ImageRef("ourst", v1), Progress.NONE);
            assertThat(same.refreshed()).isFalse();

            String v2 = source.images().importImage(new ImportRequest(LxdPeer.unifiedImage(dir, "app-v2"), null,
                    List.of("app"), true, Map.of())).fingerprint();
            assertThat(client.copies().refresh(new ImageRef("ourst", v1), Progress.NONE).refreshed()).isTrue();
            assertThat(served.images().exists(v1)).isFalse();
            assertThat(served.images().resolve("app").fingerprint()).isEqualTo(v2);
        }
        String orphan = imported("no-source", false);
        Answer started = trusted("POST", "/1.0/images/" + orphan + "/refresh", "{}");
        assertThat(started.status()).isEqualTo(202);
        assertThat(started.json().get("metadata").get("description").asText()).isEqualTo("Refreshing image");
        JsonNode failed = trusted("GET", started.header("Location") + "/wait?timeout=-1", null).json()
                .get("metadata");
        assertThat(failed.get("status").asText()).isEqualTo("Failure");
        assertThat(failed.get("status_code").asInt()).isEqualTo(400);
        assertThat(failed.get("err").asText()).isEqualTo("Failed to update image \"" + orphan
                + "\" in project \"default\": Image source not found");
    }

    @Test
    void aSecretLetsAnUntrustedClientReadAndDownloadOnePrivateImageUntilItIsCancelled() throws Exception {
        String fp = imported("secret", false, "hidden");
        Answer created = trusted("POST", "/1.0/images/" + fp + "/secret", "{}");
        assertThat(created.status()).isEqualTo(202);
        JsonNode token = created.json().get("metadata");
        assertThat(token.get("class").asText()).isEqualTo("token");
        assertThat(token.get("description").asText()).isEqualTo("Image download token");
        assertThat(token.get("status").asText()).isEqualTo("Running");
        assertThat(token.get("may_cancel").asBoolean()).isTrue();
        assertThat(token.get("resources").toString()).isEqualTo("{\"images\":[\"/1.0/images/" + fp + "\"]}");
        String secret = token.get("metadata").get("secret").asText();
        assertThat(secret).matches("[0-9a-f]{64}");

        assertThat(send("anyone", "GET", "/1.0/images/" + fp, null).status()).isEqualTo(404);
        assertThat(send("anyone", "GET", "/1.0/images/" + fp + "?secret=" + "0".repeat(64), null).json()
                .get("error").asText()).isEqualTo("Image not found");
        assertThat(send("anyone", "GET", "/1.0/images/" + fp + "?secret=" + secret, null).json()
                .get("metadata").get("fingerprint").asText()).isEqualTo(fp);
        // a download broken after 100 bytes resumes on the same URL, as imgsh's own client does, as often as needed
        byte[] file = Files.readAllBytes(served.images().files(fp).get(0));
        String export = "/1.0/images/" + fp + "/export?secret=" + secret;
        Answer start = send("anyone", "GET", export, null, "Range", "bytes=0-99");
        assertThat(start.status()).isEqualTo(206);
        assertThat(start.bytes()).isEqualTo(Arrays.copyOfRange(file, 0, 100));
        for (int attempt = 0; attempt < 2; attempt++) {
            Answer rest = send("anyone", "GET", export, null, "Range", "bytes=100-");
            assertThat(rest.status()).isEqualTo(206);
            assertThat(rest.bytes()).isEqualTo(Arrays.copyOfRange(file, 100, file.length));
        }
        Answer download = send("anyone", "GET", export, null);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.bytes()).isEqualTo(file);
        assertThat(trusted("GET", "/1.0/operations/" + token.get("id").asText(), null).json().get("metadata")
                .get("status").asText()).isEqualTo("Running");

        assertThat(trusted("DELETE", "/1.0/operations/" + token.get("id").asText(), null).status()).isEqualTo(200);
        assertThat(send("anyone", "GET", export, null).status()).isEqualTo(404);
        assertThat(send("anyone", "GET", "/1.0/images/" + fp + "?secret=" + secret, null).status()).isEqualTo(404);
    }

    @Test
    void anotherServerPushesAnImageWithTheUploadTokenThisOneGave() throws Exception {
        Engine pusher = Engine.open(dir.resolve("pusher"), clock);
        pusher.trust().add(TlsIdentity.loadOrCreate(dir.resolve("client-config"), TlsIdentity.Role.CLIENT)
                .certificatePem(), "");
        try (ApiServer source = pusher.serve(new InetSocketAddress("127.0.0.1", 0))) {
            String sourceUrl = "https://127.0.0.1:" + source.port();
            client.remotes().add("pusher", sourceUrl, null, false, true, null);
            Path file = LxdPeer.unifiedImage(dir, LxdPeer.unique("pushed"));
            String fp = pusher.images().importImage(new ImportRequest(file, null, List.of(), false, Map.of()))
                    .fingerprint();

            Answer made = trusted("POST", "/1.0/images", "{\"source\":{\"mode\":\"push\",\"fingerprint\":\"" + fp
                    + "\"},\"aliases\":[{\"name\":\"pushed/1\",\"description\":\"\"}],\"public\":true,"
                    + "\"properties\":{\"os\":\"Pushed\"},\"expires_at\":\"0001-01-01T00:00:00Z\"}",
                    "Content-Type", "application/json");
            assertThat(made.status()).as(made.body()).isEqualTo(202);
            JsonNode token = made.json().get("metadata");
            assertThat(token.get("class").asText()).isEqualTo("token");
            assertThat(token.get("description").asText()).isEqualTo("Image upload token");
            assertThat(token.get("metadata").get("fingerprint").asText()).isEqualTo(fp);
            String secret = token.get("metadata").get("secret").asText();
            assertThat(secret).matches("[0-9a-f]{64}");
            // untrusted, an upload needs the secret of a token for the very fingerprint it announces
            assertThat(send("anyone", "POST", "/1.0/images", "garbage", "X-LXD-fingerprint", fp).status())
                    .isEqualTo(403);
            assertThat(send("anyone", "POST", "/1.0/images", "garbage", "X-LXD-fingerprint", fp,
                    "X-LXD-secret", "0".repeat(64)).status()).isEqualTo(403);
            assertThat(served.images().exists(fp)).isFalse();

            Answer push = sendTo("pusher", sourceUrl, "POST", "/1.0/images/" + fp + "/export", "{\"target\":\""
                    + url + "\",\"certificate\":" + JSON.writeValueAsString(server.identity().certificatePem())
                    + ",\"secret\":\"" + secret + "\"}");
            assertThat(push.status()).as(push.body()).isEqualTo(202);
            assertThat(push.json().get("metadata").get("description").asText()).isEqualTo("Uploading image");
            JsonNode pushed = sendTo("pusher", sourceUrl, "GET", push.header("Location") + "/wait?timeout=-1", null)
                    .json().get("metadata");
            assertThat(pushed.get("status").asText()).as(pushed.toString()).isEqualTo("Success");

            Image arrived = served.images().get(fp);
            assertThat(arrived.isPublic()).isTrue();
            assertThat(arrived.properties()).containsEntry("os", "Pushed");
            assertThat(arrived.filename()).isEqualTo(fp);
            assertThat(arrived.aliases()).extracting(a -> a.name()).containsExactly("pushed/1");
            assertThat(trusted("GET", "/1.0/operations/" + token.get("id").asText(), null).json().get("metadata")
                    .get("status").asText()).isEqualTo("Cancelled");
            assertThat(send("anyone", "POST", "/1.0/images", "garbage", "X-LXD-fingerprint", fp,
                    "X-LXD-secret", secret).status()).as("a token is used once").isEqualTo(403);

            // the pushing server waited for the upload with the upload's own secret; a wrong one is refused
            JsonNode upload = null;
            for (JsonNode op : trusted("GET", "/1.0/operations?recursion=1", null).json().get("metadata")
                    .get("success")) {
                if (op.get("metadata").path("fingerprint").asText().equals(fp) && op.get("metadata").has("secret")) {
                    upload = op;
                }
            }
            assertThat(upload).as("the upload's operation").isNotNull();
            String uploadId = upload.get("id").asText();
            assertThat(send("anyone", "GET", "/1.0/operations/" + uploadId + "/wait?secret=" + upload.get("metadata")
                    .get("secret").asText(), null).status()).isEqualTo(200);
            assertThat(send("anyone", "GET", "/1.0/operations/" + uploadId + "/wait?secret=" + secret, null)
                    .status()).isEqualTo(403);
            assertThat(send("anyone", "GET", "/1.0/operations/" + uploadId, null).status()).isEqualTo(403);

            Answer noTarget = sendTo("pusher", sourceUrl, "POST", "/1.0/images/" + fp + "/export",
                    "{\"target\":\"http://127.0.0.1:1\",\"secret\":\"x\"}");
            assertThat(noTarget.status()).isEqualTo(400);
            assertThat(noTarget.json().get("error").asText())
                    .isEqualTo("Invalid target \"http://127.0.0.1:1\": an https:// URL of an lxd server");
        } finally {
            client.remotes().remove("pusher");
            pusher.close();
        }
    }

    @Test
    void badInputAnswersOneLineAndChangesNothing() throws Exception {
        String fp = imported("bad", false, "bad-input");
        Image before = served.images().get(fp);
        List<AliasEntry> aliasesBefore = served.images().aliases(List.of());
        String path = "/1.0/images/" + fp;
        assertBadRequest(trusted("PUT", path, "{bad json"), "Invalid JSON: ");
        assertBadRequest(trusted("PUT", path, ""), "Invalid JSON: the request body is empty");
        assertBadRequest(trusted("PUT", path, "[1]"), "Invalid JSON: expected an object, got array");
        assertBadRequest(trusted("PATCH", path, "{\"public\":\"yes\"}"), "Invalid \"public\": expected true or false");
        assertBadRequest(trusted("PUT", path, "{\"properties\":{\"os\":1}}"),
                "Invalid \"properties.os\": expected a string");
        assertBadRequest(trusted("PUT", path, "{\"expires_at\":\"soon\"}"),
                "Invalid \"expires_at\": invalid timestamp");
        String huge = "{\"properties\":{\"k\":\"" + "x".repeat(JsonBody.MAX_BYTES) + "\"}}";
        assertBadRequest(trusted("PUT", path, huge), "Request body too large: more than 4 MiB of JSON");
        assertBadRequest(trusted("POST", "/1.0/images/aliases", "{\"name\":\"a\\u0000b\",\"target\":\"" + fp
                + "\"}"), "Alias name \"a\\u0000b\" must not contain spaces or control characters");
        assertBadRequest(trusted("POST", "/1.0/images/aliases", "{\"name\":\"x/../y\",\"target\":\"" + fp + "\"}"),
                "Alias name \"x/../y\" must not contain a \"..\" path segment");
        assertBadRequest(trusted("POST", "/1.0/images/aliases/bad-input", "{\"name\":\"..\"}"),
                "Alias name \"..\" must not contain a \"..\" path segment");
        assertBadRequest(trusted("DELETE", "/1.0/images/%00", null), "Bad Request"); // refused by Jetty itself
        assertThat(served.images().get(fp)).isEqualTo(before);
        assertThat(served.images().aliases(List.of())).isEqualTo(aliasesBefore);

        // fields LXD does not know are ignored, as LXD ignores them
        assertThat(trusted("PATCH", path, "{\"public\":true,\"no_such_field\":[1,2]}").status()).isEqualTo(200);
        assertThat(served.images().get(fp).isPublic()).isTrue();
        assertThat(send("anyone", "PUT", path, "{}").status()).isEqualTo(403);
        assertThat(trusted("GET", "/1.0", null).status()).isEqualTo(200);
    }

    private static void assertBadRequest(Answer answer, String errorStart) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("error_code").asInt()).isEqualTo(400);
        assertThat(answer.json().get("error").asText()).startsWith(errorStart).doesNotContain("\n");
        assertThat(answer.body().strip()).doesNotContain("\n");
    }
}
