package contrastlab.runtime.cli;

import contrastlab.runtime.plugin.PluginRegistry;
import contrastlab.runtime.recipe.Recipe;
import contrastlab.runtime.recipe.RecipeLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** What the commands share: option parsing, plugin discovery, recipe loading. */
abstract class Command {

    protected final PrintStream out;
    protected final PrintStream err;

    Command(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    abstract int run(String[] args) throws ParseException, IOException;

    /** The options every command takes. */
    static Options commonOptions() {
        Options options = new Options();
        options.addOption(Option.builder().longOpt("plugins").hasArg().argName("DIR")
                .desc("a folder of extra plugin jars (repeatable)").build());
        options.addOption(Option.builder().longOpt("set").hasArg().argName("KEY=VALUE")
                .desc("override a recipe value (repeatable)").build());
        return options;
    }

    static CommandLine parse(Options options, String[] args) throws ParseException {
        return new DefaultParser().parse(options, args);
    }

    static PluginRegistry registry(CommandLine line) {
        List<Path> dirs = new ArrayList<>();
        if (line.hasOption("plugins")) {
            for (String dir : line.getOptionValues("plugins")) {
                dirs.add(Path.of(dir));
            }
        }
        return PluginRegistry.discover(dirs);
    }

    static List<String> overrides(CommandLine line) {
        return line.hasOption("set") ? Arrays.asList(line.getOptionValues("set")) : List.of();
    }

    /** The single positional argument, or a usage error naming it. */
    static String positional(CommandLine line, String name, String command) {
        List<String> args = line.getArgList();
        if (args.size() != 1) {
            throw new UsageException(command + " takes exactly one " + name + (args.isEmpty() ? ", none given"
                    : ", got " + args) + "; usage: contrastlab " + command + " " + name);
        }
        return args.get(0);
    }

    static Recipe loadRecipe(PluginRegistry registry, String file, List<String> overrides) {
        return new RecipeLoader(registry).load(Path.of(file), overrides);
    }

    static int intOption(CommandLine line, String name, int fallback) {
        if (!line.hasOption(name)) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(line.getOptionValue(name));
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " " + line.getOptionValue(name) + " is not a whole number >= 0");
        }
    }
}
