package contrastlab.runtime.recipe;

/** A recipe error: the message is one line naming the file, position, key and the fix. */
public class RecipeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RecipeException(String message) {
        super(message);
    }

    public RecipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
