package contrastlab.runtime.recipe;

/**
 * Where a recipe value came from: a file position (1-based line and column) or a command-line
 * override.
 */
public record Location(String source, int line, int column) {

    /** A value given with {@code --set}. */
    public static Location override(String assignment) {
        return new Location("--set " + assignment, 0, 0);
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ":" + column : source;
    }
}
