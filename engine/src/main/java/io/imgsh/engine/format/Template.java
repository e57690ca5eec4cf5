package io.imgsh.engine.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule of metadata.yaml's {@code templates} map.
 *
 * @param when       triggers: {@code create}, {@code copy}, {@code start}, {@code rename}
 * @param createOnly only write the target file when it does not exist yet
 * @param template   file name under {@code templates/} in the image
 * @param properties passed to the template as {@code properties}, in file order
 */
public record Template(List<String> when, boolean createOnly, String template, Map<String, String> properties) {
    public Template {
        when = List.copyOf(when);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
