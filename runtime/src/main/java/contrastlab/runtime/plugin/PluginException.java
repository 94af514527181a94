package contrastlab.runtime.plugin;

/** A plugin jar or service file is unusable; the message says which and what to do. */
public class PluginException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PluginException(String message) {
        super(message);
    }
}
