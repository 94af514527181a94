package contrastlab.api.dataset;

import contrastlab.api.plugin.Plugin;
import java.io.IOException;
import java.util.List;

/**
 * A source of images by split ({@code train}, {@code test}, {@code unlabeled}, ...). A split name may
 * join several with {@code +} ({@code train+unlabeled}); the runtime concatenates them.
 */
public interface DatasetPlugin<P> extends Plugin<P> {

    /** The split names this dataset offers with these parameters. */
    List<String> splits(P parameters);

    /**
     * Opens one split. A missing, truncated or corrupt file must raise a {@link DatasetException}
     * whose message names the file and the fix.
     */
    ImageDataset open(P parameters, String split) throws IOException;
}
