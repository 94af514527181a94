package contrastlab.plugins.dataset.cifar;

import contrastlab.plugins.dataset.support.DownloadSettings;
import java.util.Map;

/**
 * Parameters of the {@code cifar10} dataset.
 *
 * @param root the folder holding {@code cifar-10-batches-bin/} ({@code ~} expanded)
 * @param download fetch and unpack the binary archive into {@code root} when files are missing
 * @param url the archive's URL
 * @param checksums expected MD5 (32 hex digits) or SHA-256 (64) of the archive, by file name
 */
public record Cifar10Parameters(String root, boolean download, String url, Map<String, String> checksums)
        implements DownloadSettings {}
