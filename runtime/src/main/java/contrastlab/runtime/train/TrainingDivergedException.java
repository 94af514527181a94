package contrastlab.runtime.train;

/** The loss stopped being finite; the message says where and what to change. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
