package io.imgsh.shell.command;

import io.imgsh.shell.command.image.CopyMode;
import io.imgsh.shell.command.image.CopyTarget;
import io.imgsh.shell.render.ColorMode;
import io.imgsh.shell.render.OutputFormat;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option and argument types with a grammar of their own, parsed by picocli before a command runs; a bad value
 * is a usage error in the type's own words ({@link UsageError} prints them without picocli's "Invalid value for").
 */
final class Converters {
    private Converters() {
    }

    /** Registers the converters on {@code commandLine} and the subcommands it has now. */
    static void register(CommandLine commandLine) {
        commandLine.registerConverter(OutputFormat.class, by(OutputFormat::parse))
                .registerConverter(ColorMode.class, by(ColorMode::parse))
                .registerConverter(CopyMode.class, by(CopyMode::parse))
                .registerConverter(CopyTarget.class, by(CopyTarget::parse));
    }

    private static <T> ITypeConverter<T> by(Function<String, T> parser) {
        return text -> {
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw new BadValue(e.getMessage());
            }
        };
    }

    /** A value its type refuses, with the type's message. */
    static final class BadValue extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message);
        }
    }
}
