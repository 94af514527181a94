package contrastlab.plugins.dataset.stl;

import contrastlab.plugins.dataset.support.DownloadSettings;
import java.util.Map;

/**
 * Parameters of the {@code stl10} dataset.
 *
 * @param root the folder holding {@code stl10_binary/} ({@code ~} expanded)
 * @param download fetch and unpack the binary archive (2.6 GB) into {@code root} when files are missing
 * @param url the archive's URL
 * @param checksums expected MD5 (32 hex digits) or SHA-256 (64) of the archive, by file name
 */
public record Stl10Parameters(String root, boolean download, String url, Map<String, String> checksums)
        implements DownloadSettings {}
