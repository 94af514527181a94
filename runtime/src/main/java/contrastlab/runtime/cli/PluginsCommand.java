package contrastlab.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import contrastlab.api.plugin.Plugin;
import contrastlab.api.plugin.PluginKind;
import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.ParameterBinder;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.ParseException;

/** {@code contrastlab plugins [KIND]}: every discovered plugin with its parameters and defaults. */
final class PluginsCommand extends Command {

    /** Keys the runtime reads in every section of a kind, besides the plugin's own. */
    private static final Map<PluginKind, String> COMMON_KEYS = Map.of(
            PluginKind.DATASET, "  [every dataset also takes split: train (a+b joins splits)]",
            PluginKind.PRETEXT, "  [every pretext task also takes weight: 0.3, warmupEpochs: 40 (lambda 0 before)]",
            PluginKind.EVALUATOR, "  [every evaluator also takes everyEpochs: 1 (0: after the last epoch only)]",
            PluginKind.STAGE, "  [every stage also takes name: <its type>; built in: pretrain (the recipe's training),"
                    + " evaluate (the evaluators with everyEpochs: 0, on the final weights)]");

    PluginsCommand(PrintStream out, PrintStream err) {
        super(out, err);
    }

    @Override
    int run(String[] args) throws ParseException {
        CommandLine line = parse(commonOptions(), args);
        List<PluginKind> kinds = Arrays.asList(PluginKind.values());
        if (line.getArgList().size() > 1) {
            throw new UsageException("plugins takes at most one KIND; usage: contrastlab plugins [KIND]");
        }
        if (line.getArgList().size() == 1) {
            String wanted = line.getArgList().get(0);
            kinds = kinds.stream().filter(k -> k.label().equals(wanted) || (k.label() + "s").equals(wanted)).toList();
            if (kinds.isEmpty()) {
                throw new UsageException("unknown plugin kind '" + wanted + "'; known: "
                        + String.join(", ", Arrays.stream(PluginKind.values()).map(PluginKind::label).toList()));
            }
        }
        PluginRegistry registry = registry(line);
        for (PluginKind kind : kinds) {
            Map<String, Plugin<?>> plugins = registry.plugins(kind);
            out.println(kind.label() + " (" + plugins.size() + ")" + COMMON_KEYS.getOrDefault(kind, ""));
            for (Plugin<?> plugin : plugins.values()) {
                out.println("  " + plugin.name() + (plugin.description().isEmpty() ? "" : "  -  " + plugin.description()));
                JsonNode defaults = ParameterBinder.MAPPER.valueToTree(plugin.defaults());
                defaults.fields().forEachRemaining(f -> out.println("      " + f.getKey() + ": "
                        + (f.getValue().isNull() ? "(required)" : f.getValue().toString())));
            }
        }
        return Main.OK;
    }
}
