package io.imgsh.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonTest {
    @Test
    void escapesAsGoDoes() {
        assertThat(GoJson.write(Map.of("k", "<a & b>\u2028\u2029\b\f\t\n\r\u0001é")))
                .isEqualTo("{\"k\":\"\\u003ca \\u0026 b\\u003e\\u2028\\u2029\\u0008\\u000c\\t\\n\\r\\u0001é\"}");
    }

    @Test
    void aMapOfStringsIsWrittenAsTheObjectMapperWritesItWithKeysInGosOrder() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("zeta", "<last>");
        values.put("alpha", "\u2028line\u0007");
        values.put("m&m", "");
        assertThat(GoJson.writeStrings(values))
                .isEqualTo("{\"alpha\":\"\\u2028line\\u0007\",\"m\\u0026m\":\"\",\"zeta\":\"\\u003clast\\u003e\"}")
                .isEqualTo(GoJson.write(new java.util.TreeMap<>(values)));
        assertThat(GoJson.writeStrings(Map.of())).isEqualTo("{}");
    }
}
