package contrastlab.api.dataset;

import java.io.IOException;

/** A dataset file is missing, truncated or corrupt; the message names the file and the fix. */
public class DatasetException extends IOException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
