package contrastlab.api.stage;

/** A stage's input is missing or unusable; the message names it and says how to fix it. */
public final class StageException extends RuntimeException {

    public StageException(String message) {
        super(message);
    }

    public StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
