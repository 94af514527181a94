package contrastlab.plugins.dataset.support;

import java.util.Map;

/** The parameters every downloadable dataset shares; its parameter record implements this. */
public interface DownloadSettings {

    /** The dataset folder; a leading {@code ~} is the user's home. */
    String root();

    /** Whether missing files are fetched from {@link #url()}. */
    boolean download();

    /** Where the files are fetched from: an archive's URL, or a base URL for per-file downloads. */
    String url();

    /** Expected MD5 or SHA-256 (hex) per downloaded file name; entries left out use the official ones. */
    Map<String, String> checksums();
}
