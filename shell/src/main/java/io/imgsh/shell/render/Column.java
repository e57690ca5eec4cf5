package io.imgsh.shell.render;

import java.util.function.Function;

/**
 * One column of a list of {@code T} ({@code image list}, {@code image alias list}, the browser): its {@code -c}
 * letter, its header, what it shows (for help and completion), and how it makes a row's cell.
 */
public record Column<T>(char letter, String header, String description, Function<T, String> cell) {

    public String cell(T row) {
        return cell.apply(row);
    }
}
