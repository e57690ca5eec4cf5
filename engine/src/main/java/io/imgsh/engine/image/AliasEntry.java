package io.imgsh.engine.image;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** An alias as {@code image alias list} shows it: name, target fingerprint and the target's type. */
@JsonPropertyOrder({"description", "target", "name", "type"})
public record AliasEntry(String description, String target, String name, String type) {
    /** {@code image alias list}'s filters: none, or any of them a substring of the name or of the target. */
    public boolean matches(List<String> filters) {
        return filters.isEmpty() || filters.stream().anyMatch(f -> name.contains(f) || target.contains(f));
    }
}
