package io.imgsh.engine.instance;

import io.imgsh.engine.InvalidInputException;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.extension.core.DisallowExtensionCustomizerBuilder;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.node.ForNode;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Renders the templates of images with Pebble, whose Django/Jinja syntax is close to that of LXD's pongo2, with
 * LXD's context and {@code config_get}. An image is untrusted input, so a template is sandboxed: it reads no files
 * (no include, import, extends, embed or from; the loader is a string), calls no Java methods, runs no unbounded
 * loops (no ranges, no macros, so no recursion; at most {@value #MAX_LOOP_NESTING} nested loops over the finite
 * context) and writes at most {@value #MAX_OUTPUT} bytes.
 */
final class TemplateEngine {
    static final int MAX_OUTPUT = 1 << 20;
    static final int MAX_LOOP_NESTING = 2;

    private final PebbleEngine pebble = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(false)
            .newLineTrimming(false)
            .strictVariables(false)
            .cacheActive(false)
            .methodAccessValidator((object, method) -> false)
            .maxRenderedSize(MAX_OUTPUT)
            .registerExtensionCustomizer(new DisallowExtensionCustomizerBuilder()
                    .disallowedTokenParserTags(List.of("include", "import", "extends", "embed", "from", "macro",
                            "block", "parallel", "cache", "flush"))
                    .disallowedFunctionKeys(List.of("range", "block", "parent", "i18n"))
                    .disallowedBinaryOperatorSymbols(List.of(".."))
                    .build())
            .extension(new LxdExtension())
            .build();

    /** {@code source} rendered with {@code context}; a template that breaks a rule or fails is refused. */
    String render(String name, String source, Map<String, Object> context) {
        try {
            PebbleTemplate template = pebble.getTemplate(source);
            StringWriter out = new StringWriter();
            template.evaluate(out, context);
            return out.toString();
        } catch (PebbleException | IOException | StackOverflowError | InvalidInputException e) {
            throw new InvalidInputException("Failed to render template " + name + ": " + oneLine(e));
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** LXD's {@code config_get(key, default)}, and the loop nesting check. */
    private static final class LxdExtension extends AbstractExtension {
        @Override
        public Map<String, Function> getFunctions() {
            return Map.of("config_get", new ConfigGet());
        }

        @Override
        public List<NodeVisitorFactory> getNodeVisitors() {
            return List.of(template -> new LoopNesting((PebbleTemplateImpl) template));
        }
    }

    /** {@code config_get("user.x", "default")}: the instance's config value, else the default. */
    private static final class ConfigGet implements Function {
        @Override
        public List<String> getArgumentNames() {
            return List.of("key", "default");
        }

        @Override
        public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int line) {
            Object config = context.getVariable("config");
            Object value = config instanceof Map<?, ?> map ? map.get(String.valueOf(args.get("key"))) : null;
            return value != null ? value : args.getOrDefault("default", "");
        }
    }

    private static final class LoopNesting extends AbstractNodeVisitor {
        private int depth;

        LoopNesting(PebbleTemplateImpl template) {
            super(template);
        }

        @Override
        public void visit(ForNode node) {
            if (++depth > MAX_LOOP_NESTING) {
                throw new InvalidInputException("loops nested more than " + MAX_LOOP_NESTING + " deep");
            }
            super.visit(node);
            depth--;
        }
    }
}
