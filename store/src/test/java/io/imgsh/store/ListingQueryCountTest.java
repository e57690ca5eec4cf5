package io.imgsh.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing is a fixed number of queries, whatever the number of images. */
class ListingQueryCountTest {
    private static final int MANY = 2_000;

    @TempDir
    Path home;

    private static ImageRecord numbered(int i) {
        Map<String, String> props = new TreeMap<>();
        props.put("description", "image " + i);
        props.put("os", i % 2 == 0 ? "even" : "odd");
        props.put("serial", Integer.toString(i));
        List<String> profiles = i % 3 == 0 ? List.of() : List.of("default", "p" + i);
        UpdateSourceRecord source = i % 4 == 0
                ? new UpdateSourceRecord("https://s" + i, "simplestreams", "", "alias" + i, "container") : null;
        return TestImages.image(TestImages.fp("n" + i), props, profiles, source);
    }

    private static int aliasesOf(int i) {
        return i % 5; // 0..4 aliases
    }

    private void fill(Store store, int from, int to) {
        store.write((Tx tx) -> {
            for (int i = from; i < to; i++) {
                ImageRecord r = numbered(i);
                tx.images().insert(r);
                for (int a = 0; a < aliasesOf(i); a++) {
                    tx.aliases().create("img-" + i + "-" + a, r.fingerprint(), "alias " + a);
                }
            }
            return null;
        });
    }

    @Test
    void twoThousandImagesLoadCorrectly() {
        try (Store store = Store.open(home)) {
            fill(store, 0, MANY);
            List<ImageRecord> all = store.read((Tx tx) -> tx.images().all());
            assertThat(all).hasSize(MANY);

            Map<String, ImageRecord> byFp = all.stream()
                    .collect(Collectors.toMap(ImageRecord::fingerprint, Function.identity()));
            for (int i = 0; i < MANY; i++) {
                ImageRecord expected = numbered(i);
                ImageRecord got = byFp.get(expected.fingerprint());
                assertThat(got).as("image %d", i).isNotNull();
                assertThat(got).usingRecursiveComparison().ignoringFields("aliases").isEqualTo(expected);
                List<AliasRecord> aliases = new ArrayList<>();
                for (int a = 0; a < aliasesOf(i); a++) {
                    aliases.add(new AliasRecord("img-" + i + "-" + a, "alias " + a, expected.fingerprint(),
                            "container"));
                }
                assertThat(got.aliases()).as("aliases of %d", i).isEqualTo(aliases);
            }
            assertThat(all.get(0).fingerprint()).isEqualTo(numbered(0).fingerprint());
            assertThat(all.get(MANY - 1).fingerprint()).isEqualTo(numbered(MANY - 1).fingerprint());
        }
    }

    @Test
    void allAndGetUseFiveStatementsWhateverTheCount() throws Exception {
        try (Store store = Store.open(home)) {
            // not even one image: the first query finds nothing and the rest are skipped
            assertThat(statementsFor(ImageRepository::all)).isEqualTo(1);
            int done = 0;
            for (int n : new int[] {1, 10, 500, MANY}) {
                fill(store, done, n);
                done = n;
                assertThat(statementsFor(ImageRepository::all)).as("all() with %d images", n)
                        .isEqualTo(5);
                assertThat(statementsFor(r -> r.all().size())).isEqualTo(5);
            }
            assertThat(statementsFor(r -> r.get(numbered(7).fingerprint()))).isEqualTo(5);
            assertThat(statementsFor(r -> r.get(TestImages.fp("absent")))).isEqualTo(1);
        }
    }

    @Test
    void prefixLookupIsARangeScanOfTheFingerprintIndex() throws Exception {
        try (Store store = Store.open(home)) {
            fill(store, 0, 100);
        }
        List<String> sql = new ArrayList<>();
        try (Database db = TestImages.database(home)) {
            Connection real = db.connection();
            Connection recording = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("prepareStatement")) {
                            sql.add((String) args[0]);
                        }
                        return invoke(method, real, args);
                    });
            new ImageRepository(recording).fingerprintsStartingWith("abc");
            assertThat(sql).hasSize(1);
            try (PreparedStatement ps = real.prepareStatement("EXPLAIN QUERY PLAN " + sql.get(0))) {
                ps.setString(1, "abc");
                ps.setString(2, "abc\uffff");
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString("detail")).append('\n');
                    }
                }
                assertThat(plan.toString()).contains("SEARCH images USING COVERING INDEX")
                        .contains("fingerprint>? AND fingerprint<?")
                        .doesNotContain("SCAN");
            }
        }
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    interface RepoCall {
        Object call(ImageRepository repository) throws SQLException;
    }

    /**
     * Runs {@code call} on a repository whose connection counts the statements it prepares or creates and how
     * often they are executed; returns the larger count (they are equal when every statement runs once).
     */
    private int statementsFor(RepoCall call) throws Exception {
        AtomicInteger created = new AtomicInteger();
        AtomicInteger executed = new AtomicInteger();
        Set<String> creators = Set.of("prepareStatement", "createStatement", "prepareCall");
        Set<String> executions = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
                "executeLargeUpdate", "executeLargeBatch");
        try (Database db = TestImages.database(home)) {
            Connection real = db.connection();
            InvocationHandler counting = (proxy, method, args) -> {
                Object result = invoke(method, real, args);
                if (creators.contains(method.getName())) {
                    created.incrementAndGet();
                    Statement statement = (Statement) result;
                    Class<?> type = method.getName().equals("createStatement") ? Statement.class
                            : method.getName().equals("prepareCall") ? CallableStatement.class
                            : PreparedStatement.class;
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {type},
                            (p, m, a) -> {
                                if (executions.contains(m.getName())) {
                                    executed.incrementAndGet();
                                }
                                return invoke(m, statement, a);
                            });
                }
                return result;
            };
            Connection counted = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, counting);
            Object result = call.call(new ImageRepository(counted));
            assertThat(result).isNotNull();
        }
        assertThat(executed.get()).as("executions").isEqualTo(created.get());
        return created.get();
    }
}
